import { describe, expect, it } from 'vitest';
import { formatTime } from '../../../src/i18n/labels';

describe('formatTime', () => {
  it('shows stored UTC times in Beijing time by default', () => {
    expect(formatTime('2026-12-01T18:30:05.123Z', 'zh-CN')).toBe('2026-12-02 02:30:05（北京时间）');
    expect(formatTime('2026-12-01T18:30:05.123Z', 'en')).toBe('2026-12-02 02:30:05 (UTC+8)');
  });

  it('takes another zone and leaves unreadable text as it is', () => {
    expect(formatTime('2026-07-01T12:00:00Z', 'en', 'UTC')).toBe('2026-07-01 12:00:00 (UTC+0)');
    expect(formatTime('2026-07-01T12:00:00Z', 'en', 'Asia/Kolkata')).toBe('2026-07-01 17:30:00 (UTC+5:30)');
    expect(formatTime('not a time', 'zh-CN')).toBe('not a time');
  });
});
