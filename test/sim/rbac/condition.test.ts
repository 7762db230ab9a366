import { describe, expect, it } from 'vitest';
import { evaluateCondition, parseCondition, ConditionSyntaxError, type ConditionContext } from '../../../src/sim/rbac';

const READ = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';
const WRITE = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write';
const TAG = '@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:Project<$key_case_sensitive$>]';
// The S13 example shape: constrain reads (but not listing) to blobs tagged Project=Cascade.
const S13 = `((!(ActionMatches{'${READ}'} AND NOT SubOperationMatches{'Blob.List'})) OR (${TAG} StringEqualsIgnoreCase 'Cascade'))`;
const tagged = (v: string): ConditionContext => ({
  resource: { 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:Project<$key_case_sensitive$>': v },
});

describe('ABAC condition subset (spec §1.9)', () => {
  it.each<[string, string, string, ConditionContext | undefined, 'met' | 'notMet' | 'notEvaluable']>([
    ['S13: read of a Cascade blob', S13, READ, tagged('cascade'), 'met'],
    ['S13: read of another project', S13, READ, tagged('Baker'), 'notMet'],
    ['S13: read with no tag supplied', S13, READ, undefined, 'notEvaluable'],
    ['S13: listing is exempt', S13, READ, { subOperation: 'Blob.List' }, 'met'],
    ['S13: writes are not constrained', S13, WRITE, undefined, 'met'],
    ['&& and || spellings', `ActionMatches{'${READ}'} && !(ActionMatches{'${WRITE}'}) || ActionMatches{'x'}`, READ, undefined, 'met'],
    ['ActionMatches honours wildcards', "ActionMatches{'Microsoft.Storage/*/read'}", READ, undefined, 'met'],
    ['NOT of an unknown stays unknown', `NOT (${TAG} StringEquals 'x')`, READ, undefined, 'notEvaluable'],
    ['false AND unknown is false', `ActionMatches{'${WRITE}'} AND (${TAG} StringEquals 'x')`, READ, undefined, 'notMet'],
    ['an operator we do not model', `${TAG} DateTimeGreaterThan '2020-01-01'`, READ, tagged('x'), 'notEvaluable'],
    ['StringLike', `${TAG} StringLike 'Cas*'`, READ, tagged('Cascade'), 'met'],
    ['StringNotEquals', `${TAG} StringNotEquals 'Cascade'`, READ, tagged('Cascade'), 'notMet'],
    ['StringStartsWith', `${TAG} StringStartsWith 'Cas'`, READ, tagged('Cascade'), 'met'],
    [
      'ForAnyOfAnyValues:GuidEquals over a set',
      '@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{00482A5A-887f-4fb3-b363-3b7fe8e74483, 4633458b-17de-408a-b874-0445c86b69e6}',
      'Microsoft.Authorization/roleAssignments/write',
      { request: { 'Microsoft.Authorization/roleAssignments:RoleDefinitionId': ['00482a5a-887f-4fb3-b363-3b7fe8e74483'] } },
      'met',
    ],
    [
      'ForAllOfAnyValues fails when one value is outside the set',
      "@Request[x] ForAllOfAnyValues:StringEquals{'a', 'b'}",
      'a/b',
      { request: { x: ['a', 'c'] } },
      'notMet',
    ],
    ['unparsable text', 'ActionMatches{unquoted}', READ, undefined, 'notEvaluable'],
    ['unbalanced parentheses', `((ActionMatches{'${READ}'})`, READ, undefined, 'notEvaluable'],
  ])('%s', (_label, condition, action, ctx, outcome) => {
    expect(evaluateCondition(condition, action, ctx).outcome).toBe(outcome);
  });

  it('explains what could not be evaluated', () => {
    expect(evaluateCondition(S13, READ, undefined).detail).toContain('did not supply @Resource[');
    expect(evaluateCondition('ActionMatches{', READ, undefined).detail).toContain('could not be parsed');
  });

  it('throws a named syntax error from the parser', () => {
    expect(() => parseCondition('AND')).toThrow(ConditionSyntaxError);
    expect(() => parseCondition("ActionMatches{'a'} garbage")).toThrow("unexpected 'garbage'");
  });
});
