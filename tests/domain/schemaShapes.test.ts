import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FamilySchema, StateSchema } from '../../src/domain/schema.js';
import { OPERATION_NAMES, OPERATION_SCHEMAS } from '../../src/domain/operations.js';
import { shapesSource } from '../../src/domain/schemaShape.js';
import { FAMILY_SHAPE, OPERATION_SHAPES } from '../../src/domain/schemaShapes.generated.js';

describe('schemaShapes.generated.ts', () => {
  it('is what the zod schemas give now (else run: npm run generate-shapes)', () => {
    const written = readFileSync(new URL('../../src/domain/schemaShapes.generated.ts', import.meta.url), 'utf8');
    expect(written).toBe(shapesSource(FamilySchema, OPERATION_SCHEMAS, StateSchema));
  });

  it('models the family and the operations a change most often names', () => {
    expect(FAMILY_SHAPE.type).toBe('object');
    for (const name of ['goal.progress', 'goal.add', 'goal.update', 'contact.resolve', 'meeting.add', 'family.add', 'family.import', 'agreement.update'])
      expect(OPERATION_SHAPES[name], name).toBeDefined();
    // Those with a refine of their own, or a union that is not discriminated, are zod's alone.
    expect(OPERATION_NAMES.filter((name) => !OPERATION_SHAPES[name])).toEqual(['meeting.minutes', 'observation.add']);
  });
});
