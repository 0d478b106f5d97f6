// Markdown and HTML stripping for matching: formatting can split a phrase ("ig<b>no</b>re",
// "ig**nore**") or hide it (HTML comments), and neither changes what a model reads.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  shy: '',
  zwj: '',
  zwnj: '',
  ensp: ' ',
  emsp: ' ',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

// Block-level tags separate words; inline tags do not (they are how "ig<b>no</b>re" splits a word).
const BLOCK_TAG =
  /^(?:p|div|br|hr|li|ul|ol|tr|td|th|table|h[1-6]|section|article|header|footer|blockquote|pre)$/i;

export function stripMarkup(text: string): string {
  let out = decodeEntities(text);
  // Comment markers go, their content stays: hidden comments are a classic carrier.
  out = out.replace(/<!--|-->/g, ' ');
  out = out.replace(/<\/?([a-z][\w:-]*)(?:\s[^<>]*)?\/?>/gi, (_tag, name: string) =>
    BLOCK_TAG.test(name) ? '\n' : '',
  );
  // Images and links keep their text and target side by side.
  out = out.replace(/!?\[([^\]\n]{0,200})\]\(([^)\s]{0,500})[^)]{0,200}\)/g, '$1 $2');
  out = out.replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '');
  out = out.replace(/^[ \t]*>+[ \t]?/gm, '');
  out = out.replace(/[*~`]+/g, '');
  out = out.replace(/(^|[\s(])_{1,2}(?=\S)|(?<=\S)_{1,2}(?=[\s).,!?:;]|$)/g, '$1');
  return out;
}
