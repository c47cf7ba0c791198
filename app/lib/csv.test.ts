import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('neutralizes the formula %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves plain text and numbers alone, quoting only what RFC 4180 needs', () => {
    expect(csvCell('H100 cluster')).toBe('H100 cluster');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(123456789012345678901234567890n)).toBe('123456789012345678901234567890');
    expect(csvCell(null)).toBe('');
  });
});

describe('toCsv', () => {
  it('joins a header and rows with CRLF line ends', () => {
    expect(toCsv(['token', 'balance'], [['=cmd', '1.5']])).toBe("token,balance\r\n'=cmd,1.5\r\n");
  });
});
