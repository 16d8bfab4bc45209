import { describe, expect, it } from 'vitest';
import { throttledRead } from './throttled-read.ts';

describe('throttledRead', () => {
  it('reads once per interval, shares a read in flight, and gives the kept value in between', async () => {
    let reads = 0;
    let value = 'pierwsza';
    let finish!: () => void;
    const read = () => {
      reads++;
      return new Promise<string>((resolve) => (finish = () => resolve(value)));
    };
    const get = throttledRead(read, () => value, 60_000);
    const first = get();
    const during = get();
    finish();
    expect(await Promise.all([first, during])).toEqual(['pierwsza', 'pierwsza']);
    value = 'druga';
    expect(await get()).toBe('druga');
    expect(reads).toBe(1);
  });

  it('reads again once the interval has passed', async () => {
    let reads = 0;
    const get = throttledRead(async () => ++reads, () => reads, 0);
    await get();
    await get();
    expect(reads).toBe(2);
  });
});
