/**
 * A CloudWatch Logs JSON filter-pattern evaluator for the subset our alarms use:
 * `{ <expr> }` where <expr> joins `$.path <op> <value>` terms with `&&`, `||` and parentheses,
 * <op> is one of = != < <= > >=, and <value> a number or a "string" in which `*` matches any run of characters.
 * `&&` binds tighter than `||`. Anything outside this subset throws, so a new pattern cannot pass unread.
 */
type Node = { kind: 'and' | 'or'; left: Node; right: Node } | { kind: 'term'; path: string[]; op: string; value: number | string; quoted: boolean };

const TOKEN = /\s*(\(|\)|&&|\|\||\$(?:\.[A-Za-z_][A-Za-z0-9_]*)+|!=|<=|>=|=|<|>|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/y;

function tokenize(body: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < body.length) {
    if (/^\s*$/.test(body.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(body);
    if (!match?.[1]) throw new Error(`filter pattern: cannot read "${body.slice(start)}"`);
    tokens.push(match[1]);
  }
  return tokens;
}

export function parseFilterPattern(pattern: string): Node {
  const outer = /^\s*\{(.*)\}\s*$/s.exec(pattern);
  if (!outer?.[1]) throw new Error(`filter pattern: not a JSON pattern: ${pattern}`);
  const tokens = tokenize(outer[1]);
  let at = 0;
  const next = () => tokens[at++];
  const peek = () => tokens[at];

  const primary = (): Node => {
    if (peek() === '(') {
      next();
      const inner = or();
      if (next() !== ')') throw new Error(`filter pattern: missing ) in ${pattern}`);
      return inner;
    }
    const selector = next();
    const op = next();
    const raw = next();
    if (!selector?.startsWith('$.') || !op || !/^(=|!=|<|<=|>|>=)$/.test(op) || raw === undefined) {
      throw new Error(`filter pattern: bad term near "${selector} ${op} ${raw}" in ${pattern}`);
    }
    const quoted = raw.startsWith('"');
    const value = quoted ? (JSON.parse(raw) as string) : Number(raw);
    return { kind: 'term', path: selector.slice(2).split('.'), op, value, quoted };
  };
  const and = (): Node => {
    let left = primary();
    while (peek() === '&&') {
      next();
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (peek() === '||') {
      next();
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const tree = or();
  if (at !== tokens.length) throw new Error(`filter pattern: unexpected "${tokens[at]}" in ${pattern}`);
  return tree;
}

const glob = (value: string) =>
  new RegExp(
    `^${value
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );

function evaluate(node: Node, event: unknown): boolean {
  if (node.kind !== 'term')
    return node.kind === 'and' ? evaluate(node.left, event) && evaluate(node.right, event) : evaluate(node.left, event) || evaluate(node.right, event);
  let field: unknown = event;
  for (const key of node.path) field = typeof field === 'object' && field !== null ? (field as Record<string, unknown>)[key] : undefined;
  if (field === undefined) return false;
  if (node.quoted) {
    if (typeof field !== 'string') return false;
    const equal = glob(node.value as string).test(field);
    if (node.op === '=') return equal;
    if (node.op === '!=') return !equal;
    throw new Error(`filter pattern: ${node.op} on a string`);
  }
  if (typeof field !== 'number') return false;
  const value = node.value as number;
  switch (node.op) {
    case '=':
      return field === value;
    case '!=':
      return field !== value;
    case '<':
      return field < value;
    case '<=':
      return field <= value;
    case '>':
      return field > value;
    default:
      return field >= value;
  }
}

/** Whether CloudWatch Logs would count this log line under `pattern`. Lines that are not JSON never match a JSON pattern. */
export function filterMatches(pattern: string, line: string): boolean {
  const tree = parseFilterPattern(pattern);
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return false;
  }
  return evaluate(tree, event);
}
