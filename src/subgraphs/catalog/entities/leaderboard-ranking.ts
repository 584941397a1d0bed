import { DataSource } from 'typeorm';
import { readRows } from '../../../common/sqlite-reads';
import { Leaderboard } from './leaderboard.type';

/** One board: a task, a metric and a dataset (null: the results that name none). */
export interface BoardKey {
  taskId: string;
  metricId: string;
  datasetId: string | null;
}

/**
 * A SQL statement selecting task ids (`SELECT t.id FROM tasks t WHERE ...`) with its named parameters:
 * how a `leaderboards(where: TaskWhere)` will narrow the boards, inside the same statement.
 */
export interface TaskIdsQuery {
  sql: string;
  params: Record<string, unknown>;
}

export interface LeaderboardScope {
  /** one board (`leaderboard`); every board when absent (`leaderboards`) */
  board?: BoardKey;
  /** only the boards of these tasks */
  taskIds?: TaskIdsQuery;
}

// The rank order, written once for both engines (a boolean column is 0/1 on SQLite, boolean on
// PostgreSQL; both read it in CASE WHEN). A bound is AT_LEAST: its value is all it is shown to reach.
// Higher is better: by value, high first, and at an equal value the exact result first, so that ">86"
// ranks above an exact 85.9 but below an exact 86. Lower is better: a lower bound says nothing about how
// low the value is, so every bound ranks below every exact result, then by value, low first.
const IS_BOUND = `CASE WHEN r.bound = 'AT_LEAST' THEN 1 ELSE 0 END`;
const HIGHER = `m."higherIsBetter"`;
const RANK_ORDER = [
  `CASE WHEN ${HIGHER} THEN 0 ELSE ${IS_BOUND} END`,
  `CASE WHEN ${HIGHER} THEN -r.value ELSE r.value END`,
  IS_BOUND,
].join(', ');
const BOARD = `r."taskId", r."metricId", r."datasetId"`;

/**
 * Every board of the scope with its ranked entries, in one statement: RANK() (standard competition
 * ranking, 1, 1, 3) over each board in its metric's direction; boards ordered by their first result in
 * paper order, entries by rank, then paper order.
 */
export async function readLeaderboards(ds: DataSource, scope: LeaderboardScope): Promise<Leaderboard[]> {
  const conditions: string[] = [];
  const params: Record<string, unknown> = { ...scope.taskIds?.params };
  if (scope.board) {
    conditions.push(`r."taskId" = :boardTask`, `r."metricId" = :boardMetric`);
    Object.assign(params, { boardTask: scope.board.taskId, boardMetric: scope.board.metricId });
    if (scope.board.datasetId === null) conditions.push(`r."datasetId" IS NULL`);
    else {
      conditions.push(`r."datasetId" = :boardDataset`);
      params.boardDataset = scope.board.datasetId;
    }
  }
  if (scope.taskIds) conditions.push(`r."taskId" IN (${scope.taskIds.sql})`);
  const sql = `SELECT b.id, b."taskId", b."metricId", b."datasetId", b.board_rank FROM (
      SELECT r.id, ${BOARD}, r.position,
        RANK() OVER (PARTITION BY ${BOARD} ORDER BY ${RANK_ORDER}) AS board_rank,
        MIN(r.position) OVER (PARTITION BY ${BOARD}) AS board_first
      FROM results r JOIN metrics m ON m.id = r."metricId"
      ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
    ) b ORDER BY b.board_first, b.board_rank, b.position`;
  const rows = await readRows<BoardKey & { id: string; board_rank: number | string }>(ds, sql, params, true);
  const boards: Leaderboard[] = [];
  let board: Leaderboard | undefined;
  for (const row of rows) {
    if (
      !board ||
      board.taskId !== row.taskId ||
      board.metricId !== row.metricId ||
      board.datasetId !== row.datasetId
    ) {
      board = Object.assign(new Leaderboard(), {
        taskId: row.taskId,
        metricId: row.metricId,
        datasetId: row.datasetId,
        entries: [],
      });
      boards.push(board);
    }
    // PostgreSQL returns RANK() as a bigint, which node-postgres hands over as a string
    board.entries.push({ rank: Number(row.board_rank), resultId: row.id });
  }
  return boards;
}
