import { BadRequestException } from '@nestjs/common';
import { ParseOptionalInstantPipe } from './instant-query.pipe';

describe(ParseOptionalInstantPipe.name, () => {
  const pipe = new ParseOptionalInstantPipe();

  it('reads an instant with an offset as epoch ms', () => {
    expect(pipe.transform('2026-03-01T12:00:00+01:00')).toBe(Date.UTC(2026, 2, 1, 11));
    expect(pipe.transform('2026-03-01T12:00:00.250Z')).toBe(Date.UTC(2026, 2, 1, 12, 0, 0, 250));
  });

  it('leaves an absent value undefined, so the caller uses the wall clock', () => {
    expect(pipe.transform(undefined)).toBeUndefined();
  });

  it('refuses a time without an offset and text that is no time', () => {
    expect(() => pipe.transform('2026-03-01T12:00:00')).toThrow(BadRequestException);
    expect(() => pipe.transform('tomorrow')).toThrow(BadRequestException);
    expect(() => pipe.transform('2026-02-30T12:00:00Z')).toThrow(BadRequestException);
  });
});
