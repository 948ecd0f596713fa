// A chunk's exports as plain values (issue 19). esbuild's CommonJS form of an ES module keeps its
// exports live: it defines a getter for each (`__export`), then copies every one onto a second
// object with another getter and a property descriptor (`__toCommonJS`), which turns both objects
// into dictionaries; every call of an imported function then runs a getter. famcoord.cjs has ~250
// exports: that was ~6.6 M instructions of each command's start (of ~60 M over `node -e 0` for
// `today` on SQLite), ~230 KB of the young generation (a garbage collection) and the compiled
// getters in the code cache.
//
// A getter is needed only for a binding that changes after the chunk has run: the chunks require
// each other without cycles (scripts/build.mjs checks), so nothing reads a chunk's exports before
// its body has finished, and a binding that is never assigned again has its final value then.
// So the exports are written once, as values, at the end of the chunk's body, and only bindings
// that something assigns (found by TypeScript's checker, which resolves each name to its
// declaration, so that a parameter or inner variable of the same short name does not count) keep
// a getter. A chunk whose exports are not in esbuild's usual form, or that uses eval or with
// (names the checker cannot see), is left as esbuild wrote it.
import ts from 'typescript';

/** `__export(target, { a: () => local, ... }); module.exports = __toCommonJS(target);` as esbuild minifies it. */
const ESBUILD_EXPORTS = /([\w$]+)\(([\w$]+),\{((?:[\w$]+:\(\)=>[\w$]+(?:\.[\w$]+)?,?)+)\}\);module\.exports=[\w$]+\(\2\);/;

/**
 * One chunk's code (esbuild's CommonJS transform of it, wrapped as `"NAME": function (exports,
 * require, module, ...) {` ... `},`) with its exports made values; the code unchanged when that
 * cannot be shown safe.
 */
export function exportsAsValues(code) {
  const found = code.match(ESBUILD_EXPORTS);
  if (!found || code.split('module.exports').length !== 2) return code;
  const exported = found[3].split(',').map((pair) => pair.split(':()=>'));
  // What another chunk exports (`other.name`) stays a getter, read when asked, as before.
  const reexported = (local) => local.includes('.');
  const assigned = assignedBindings(code, new Set(exported.map(([, local]) => local).filter((local) => !reexported(local))));
  if (!assigned) return code;
  const end = code.lastIndexOf('},');
  if (end < 0) return code;
  const properties = exported.map(([name, local]) => (assigned.has(local) || reexported(local) ? `get ${name}(){return ${local}}` : `${name}:${local}`)).join(',');
  // __esModule as __toCommonJS sets it: not enumerable.
  const exportsLine = `;module.exports=Object.defineProperty({${properties}},"__esModule",{value:!0});\n`;
  // esbuild's export code is blanked, not cut, so that the source map's columns still hold.
  return `${code.slice(0, found.index)}${' '.repeat(found[0].length)}${code.slice(found.index + found[0].length, end)}${exportsLine}${code.slice(end)}`;
}

/**
 * Of `locals` (names declared at the top of the chunk's function), those that any code assigns
 * after their declaration; undefined when the chunk cannot be analysed.
 */
function assignedBindings(code, locals) {
  const fileName = 'chunk.js';
  // The chunk is an object property; as an object literal expression it is a whole program.
  const file = ts.createSourceFile(fileName, `({${code}})`, ts.ScriptTarget.ESNext, true, ts.ScriptKind.JS);
  const host = {
    getSourceFile: (name) => (name === fileName ? file : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => {},
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => name === fileName,
    readFile: () => undefined,
  };
  const checker = ts.createProgram([fileName], { allowJs: true, noLib: true, noResolve: true, types: [] }, host).getTypeChecker();

  const chunk = findChunkFunction(file);
  if (!chunk?.body) return undefined;
  // Each exported name's declaration among the chunk's top-level statements.
  const symbols = new Map();
  for (const statement of chunk.body.statements) {
    const names = [];
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.push(statement.name);
    if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) names.push(...bindingNames(declaration.name));
    for (const name of names) if (locals.has(name.text)) symbols.set(checker.getSymbolAtLocation(name), name.text);
  }
  if (symbols.size !== locals.size || symbols.has(undefined)) return undefined;

  const assigned = new Set();
  let analysable = true;
  const visit = (node) => {
    if (ts.isWithStatement(node) || (ts.isIdentifier(node) && node.text === 'eval')) analysable = false;
    if (ts.isIdentifier(node) && locals.has(node.text) && ts.isAssignmentTarget(node)) {
      const symbol = ts.isShorthandPropertyAssignment(node.parent) ? checker.getShorthandAssignmentValueSymbol(node.parent) : checker.getSymbolAtLocation(node);
      if (symbol === undefined || symbols.has(symbol)) assigned.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(chunk.body);
  return analysable ? assigned : undefined;
}

/** The chunk's module function: the one whose first parameter is `exports`. */
function findChunkFunction(file) {
  let chunk;
  const visit = (node) => {
    if (chunk) return;
    if (ts.isFunctionExpression(node) && node.parameters[0]?.name.getText() === 'exports') chunk = node;
    else ts.forEachChild(node, visit);
  };
  visit(file);
  return chunk;
}

/** The identifiers a declaration binds (`a`, or each name in `{ a, b: [c] }`). */
function bindingNames(name) {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}
