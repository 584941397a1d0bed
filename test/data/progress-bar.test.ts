import { progressBar } from '../../src/data/progress-bar';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    out: { isTTY, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream,
  };
}

describe('the progress of a store build', () => {
  it('draws a bar in place on a terminal: share of the rows, counts and rows/s, then a last line', () => {
    const { written, out } = stream(true);
    const bar = progressBar(1000, out);
    bar.add('Model', 250);
    expect(written[0]).toMatch(/^\r\[#{8}-{22}\]\s+25\.0%\s+250 \/ 1,000 rows\s+[\d,]+ rows\/s\s+Model/);
    bar.add('Result', 750);
    const done = bar.finish();
    expect(written[written.length - 1]).toMatch(/^\r\[#{30}\] 100\.0%\s+1,000 \/ 1,000 rows .*done.*\n$/);
    expect(done.rows).toBe(1000);
  });

  it('writes plain lines, no bar and no carriage returns, where the output is a file or a pipe', () => {
    const { written, out } = stream(false);
    const bar = progressBar(400, out);
    bar.add('Citation', 100);
    bar.add('Citation', 100); // within the interval between plain lines: not written
    expect(bar.finish().rows).toBe(200);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\s*25\.0%\s+100 \/ 400 rows\s+[\d,]+ rows\/s\s+Citation\n$/);
  });
});
