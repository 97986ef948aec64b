// Just enough of a Prisma schema parser to say which tables and columns the schema declares,
// so tests can hold the hand-written migrations to it.

export interface SchemaColumn {
  /** Database name (`@map` honoured). */
  name: string;
  /** Prisma scalar type (`String`, `DateTime`, …) or an enum's name. */
  type: string;
  optional: boolean;
}

export interface SchemaTable {
  model: string;
  /** Database name (`@@map` honoured). */
  name: string;
  columns: SchemaColumn[];
}

interface Block {
  keyword: string;
  name: string;
  lines: string[];
}

export interface SchemaEnum {
  name: string;
  values: string[];
}

/** The schema's enums with their values, in declaration order. */
export function parsePrismaEnums(source: string): SchemaEnum[] {
  return parseBlocks(source)
    .filter((block) => block.keyword === "enum")
    .map((block) => ({ name: block.name, values: block.lines.filter((line) => !line.startsWith("@@")).map((line) => line.split(/\s+/)[0]!) }));
}

/** The tables of a schema's models: scalar fields only, relation fields left out. */
export function parsePrismaSchema(source: string): SchemaTable[] {
  const blocks = parseBlocks(source);
  const models = new Set(blocks.filter((block) => block.keyword === "model").map((block) => block.name));
  return blocks.filter((block) => block.keyword === "model").map((block) => parseModel(block, models));
}

function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const line of source
    .split("\n")
    .map(stripComment)
    .map((text) => text.trim())) {
    if (!line) continue;
    const opening = /^(\w+)\s+(\w+)\s*\{$/.exec(line);
    if (!current && opening) {
      current = { keyword: opening[1]!, name: opening[2]!, lines: [] };
    } else if (current && line === "}") {
      blocks.push(current);
      current = null;
    } else if (current) {
      current.lines.push(line);
    }
  }
  return blocks;
}

function parseModel(block: Block, models: Set<string>): SchemaTable {
  const table: SchemaTable = { model: block.name, name: block.name, columns: [] };
  for (const line of block.lines) {
    if (line.startsWith("@@")) {
      table.name = mappedName(line, "@@map") ?? table.name;
      continue;
    }
    const [field, typeWithModifiers = ""] = line.split(/\s+/);
    const type = typeWithModifiers.replace(/[?[\]]/g, "");
    if (!field || models.has(type)) continue;
    table.columns.push({
      name: mappedName(line, "@map") ?? field,
      type,
      optional: typeWithModifiers.endsWith("?"),
    });
  }
  return table;
}

/** The name in `@map("…")` / `@@map("…")`, also written as `@map(name: "…")`. */
function mappedName(line: string, attribute: "@map" | "@@map"): string | undefined {
  const pattern = attribute === "@map" ? /(?<!@)@map\(\s*(?:name:\s*)?"([^"]+)"/ : /@@map\(\s*(?:name:\s*)?"([^"]+)"/;
  return pattern.exec(line)?.[1];
}

/** Drops a `//` comment, leaving `//` inside string literals (`@default("https://…")`) alone. */
function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"' && line[i - 1] !== "\\") inString = !inString;
    if (!inString && line.startsWith("//", i)) return line.slice(0, i);
  }
  return line;
}
