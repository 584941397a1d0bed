import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineStore, Store } from '../../src/common/database';
import { findWhereIn, getManyEntities, linkedEntities, paddedKeys } from '../../src/common/sqlite-reads';
import { betterSqliteHandle, plainEntitySelection } from '../../src/common/typeorm-internals';

// Every kind of column the stores use: plain, nullable number, JSON, boolean, a transformer.
@Entity('things')
class Thing {
  @PrimaryColumn('text') id: string;
  @Column('integer') position: number;
  @Column('text') name: string;
  @Column('double precision', { nullable: true }) size: number | null;
  @Column('simple-json') aliases: string[];
  @Column('boolean') open: boolean;
  @Column('text', {
    transformer: { to: (v: string) => v.toUpperCase(), from: (v: string) => v.toLowerCase() },
  })
  code: string;
  @Column('text', { nullable: true }) parentId: string | null;
}

let store: Store;
beforeAll(async () => {
  store = defineStore({ file: ':memory:' }, [Thing]);
  await store.dataSource.initialize();
  await store.dataSource.synchronize();
  await store.dataSource.getRepository(Thing).save(
    Array.from({ length: 40 }, (_, i) => ({
      id: `t${i}`,
      position: 40 - i,
      name: `Thing ${i}`,
      size: i % 3 ? i * 1.5 : null,
      aliases: i % 2 ? [`alias ${i}`, 'Ünïcode'] : [],
      open: i % 2 === 0,
      code: `c${i}`,
      parentId: i > 0 ? `t${i % 4}` : null,
    })),
  );
});
afterAll(() => store?.dataSource.destroy());

const repo = () => store.dataSource.getRepository(Thing);

describe('the TypeORM internals the prepared SQLite reads use (they fail loudly when an upgrade changes them)', () => {
  it('finds the better-sqlite3 connection behind a data source', () => {
    const db = betterSqliteHandle(store.dataSource)!;
    expect(db.prepare('SELECT COUNT(*) AS n FROM things').get()).toEqual({ n: 40 });
  });

  it('tells a plain one-entity select from one with joins or extra selections', () => {
    expect(plainEntitySelection(repo().createQueryBuilder('t'))).toMatchObject({ alias: 't' });
    expect(
      plainEntitySelection(repo().createQueryBuilder('t').leftJoin('things', 'p', 'p.id = t.parentId')),
    ).toBeNull();
    expect(plainEntitySelection(repo().createQueryBuilder('t').addSelect('t.name', 'n'))).toBeNull();
  });

  it('hydrates every column type as TypeORM does: getManyEntities equals getMany', async () => {
    const qb = () =>
      repo().createQueryBuilder('t').where('t.size IS NULL OR t.size > :s', { s: 3 }).orderBy('t.position');
    const ours = await getManyEntities(qb());
    const theirs = await qb().getMany();
    expect(ours).toEqual(theirs);
    expect(ours.length).toBeGreaterThan(20);
    expect(ours[0]).toBeInstanceOf(Thing);
    expect(ours.find((t) => t.id === 't5')).toEqual({
      id: 't5',
      position: 35,
      name: 'Thing 5',
      size: 7.5,
      aliases: ['alias 5', 'Ünïcode'],
      open: false,
      code: 'c5',
      parentId: 't1',
    });
  });

  it('reads rows by key as find does, in position order, for any number of keys', async () => {
    for (const n of [1, 2, 3, 5, 17, 40]) {
      const keys = Array.from({ length: n }, (_, i) => `t${(i * 7) % 40}`);
      const ours = await findWhereIn(repo(), 'id', keys, true);
      const theirs = await repo().find({ where: keys.map((id) => ({ id })), order: { position: 'ASC' } });
      expect(ours).toEqual(theirs);
    }
  });

  it('reads children through a relation in one statement, each under its parent key, in position order', () => {
    const before = store.counter.count;
    const relation = { table: 'things', parentColumn: 'parentId', childColumn: 'id' };
    const linked = linkedEntities(repo(), relation, ['t1', 't2', 'none'])!;
    expect(store.counter.count - before).toBe(1);
    // children of t1 are t1, t5, ..., t37 (i % 4 === 1); position is 40 - i, so t37 comes first
    const childrenOf = (k: string) => linked.filter((l) => l.key === k).map((l) => l.entity.id);
    expect(childrenOf('t1')).toEqual([37, 33, 29, 25, 21, 17, 13, 9, 5, 1].map((i) => `t${i}`));
    expect(childrenOf('t2')).toEqual([38, 34, 30, 26, 22, 18, 14, 10, 6, 2].map((i) => `t${i}`));
    expect(childrenOf('none')).toEqual([]);
    expect(linked.map((l) => l.entity.position)).toEqual(
      [...linked.map((l) => l.entity.position)].sort((x, y) => x - y),
    );
  });
});

describe('IN lists of prepared reads', () => {
  it('are padded to a few lengths by repeating the last key', () => {
    expect(paddedKeys(['a'])).toEqual(['a']);
    expect(paddedKeys(['a', 'b', 'c'])).toEqual(['a', 'b', 'c', 'c']);
    expect(paddedKeys(Array.from({ length: 9 }, (_, i) => `k${i}`))).toHaveLength(16);
  });

  it('make one statement text per length class, not one per number of keys', async () => {
    const recorded: { sql: string; params: unknown[] }[] = (store.counter.recorded = []);
    try {
      for (let n = 1; n <= 40; n++)
        await findWhereIn(
          repo(),
          'id',
          Array.from({ length: n }, (_, i) => `t${i}`),
          false,
        );
    } finally {
      store.counter.recorded = null;
    }
    expect(recorded).toHaveLength(40);
    // 1, 2, 4, 8, 16, 32 and 64 keys
    expect(new Set(recorded.map((r) => r.sql)).size).toBe(7);
  });
});
