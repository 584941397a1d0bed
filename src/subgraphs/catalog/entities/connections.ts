import { connectionTypes } from '../../../common/paging';
import { Dataset } from './dataset.entity';
import { Model } from './model.entity';
import { Result } from './result.entity';
import { Task } from './task.entity';

export const { Connection: TaskConnection } = connectionTypes(Task, 'Task');
export const { Connection: ModelConnection } = connectionTypes(Model, 'Model');
export const { Connection: DatasetConnection } = connectionTypes(Dataset, 'Dataset');
export const { Connection: ResultConnection } = connectionTypes(Result, 'Result');
