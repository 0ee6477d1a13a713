/**
 * Line tokenizer for SWMM `.inp` files: whitespace-separated tokens, double-quoted tokens may hold
 * spaces, `;` starts a comment (SWMM 5 User's Manual, Appendix D.1).
 */
export function tokenizeLine(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ';') break;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      const stop = end < 0 ? n : end;
      tokens.push(text.slice(i + 1, stop));
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < n && text[j] !== ' ' && text[j] !== '\t' && text[j] !== '\r' && text[j] !== ';') j++;
    tokens.push(text.slice(i, j));
    i = j;
  }
  return tokens;
}

/** Quote a token for writing when it is empty or holds whitespace. */
export function quoteToken(token: string): string {
  return token === '' || /\s/.test(token) ? `"${token}"` : token;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Strict decimal number parse; undefined when the token is not a number. */
export function parseNumber(token: string): number | undefined {
  return NUMBER.test(token) ? Number(token) : undefined;
}
