import * as fs from 'fs';
import * as path from 'path';
import {
  buildSchema,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { generatedSchemaFiles, ROOT } from '../src/app/generated-files';

const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

/** Every type, field, argument, enum value, union member and interface of the contract, with its type. */
function contractItems(schema: GraphQLSchema): Map<string, string> {
  const items = new Map<string, string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    items.set(type.name, type.constructor.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      type.getInterfaces().forEach((i) => items.set(`${type.name} implements ${i.name}`, ''));
      for (const field of Object.values(type.getFields())) {
        items.set(`${type.name}.${field.name}`, String(field.type));
        field.args.forEach((a) => items.set(`${type.name}.${field.name}(${a.name})`, String(a.type)));
      }
    }
    if (isInputObjectType(type))
      Object.values(type.getFields()).forEach((f) => items.set(`${type.name}.${f.name}`, String(f.type)));
    if (isEnumType(type)) type.getValues().forEach((v) => items.set(`${type.name}.${v.name}`, ''));
    if (isUnionType(type)) type.getTypes().forEach((t) => items.set(`${type.name} | ${t.name}`, ''));
  }
  return items;
}

describe('the public API contract', () => {
  it('is served: every type, field, argument and nullability of the contract is in schema.graphql', () => {
    const contract = contractItems(buildSchema(read('test/api-contract.graphql')));
    const served = contractItems(buildSchema(read('schema.graphql')));
    const missing = [...contract]
      .filter(([k, v]) => served.get(k) !== v)
      .map(([k, v]) => `${k}: ${v} (served: ${served.get(k) ?? 'absent'})`);
    expect(missing).toEqual([]);
  });
});

describe('generated files', () => {
  it('schema.graphql and supergraph.graphql match the code (run npm run compose)', async () => {
    const files = await generatedSchemaFiles();
    for (const [name, text] of Object.entries(files)) {
      expect(read(name)).toEqual(text);
      expect(text).toMatch(/do not edit/);
    }
  });
});
