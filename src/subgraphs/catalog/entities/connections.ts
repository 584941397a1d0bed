import { connectionTypes } from '../../../common/paging';
import { DatasetAggregate, ModelAggregate, ResultAggregate, TaskAggregate } from './aggregates.type';
import { Dataset } from './dataset.entity';
import { Model } from './model.entity';
import { Result } from './result.entity';
import { Task } from './task.entity';

export const { Connection: TaskConnection } = connectionTypes(Task, 'Task', TaskAggregate);
export const { Connection: ModelConnection } = connectionTypes(Model, 'Model', ModelAggregate);
export const { Connection: DatasetConnection } = connectionTypes(Dataset, 'Dataset', DatasetAggregate);
export const { Connection: ResultConnection } = connectionTypes(Result, 'Result', ResultAggregate);
