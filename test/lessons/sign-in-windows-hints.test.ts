/**
 * The Windows "Sign in as the VM" lesson against what Azure PowerShell on the simulated VM really
 * prints: the no-subscription error and the not-signed-in error each get the lesson's hint, and after
 * the Reader grant the sign-in finds the subscription.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledLesson } from '../../src/lessons/types.ts';
import { learnerAt, repositoryLesson } from './lesson-learner.ts';

let lesson: CompiledLesson;
beforeAll(async () => {
  lesson = await repositoryLesson('sign-in-as-the-vm-windows');
});

describe('Sign in to Azure PowerShell as the VM: hints on the real output', () => {
  it('no role yet: Connect-AzAccount signs in without a subscription; Get-AzResourceGroup says so, and the hint explains why', async () => {
    const learner = learnerAt(lesson, 0);
    const connect = await learner.run('Connect-AzAccount -Identity');
    expect(connect.stderr).toBe('');
    const run = await learner.run('Get-AzResourceGroup');
    expect(run.stderr).toContain('No subscription found in the context.');
    expect(learner.hint()).toMatch(/ARM listed no subscription the identity may see/);
  });

  it('a cmdlet before any sign-in: the hint says to run Connect-AzAccount -Identity', async () => {
    const learner = learnerAt(lesson, 0);
    const run = await learner.run('Get-AzResourceGroup');
    expect(run.stderr).toContain('Run Connect-AzAccount to login.');
    expect(learner.hint()).toMatch(/Run Connect-AzAccount -Identity first/);
  });

  it('after the Reader grant, the sign-in shows the subscription and Get-AzResourceGroup reads the group', async () => {
    const learner = learnerAt(lesson, 2);
    const connect = await learner.run('Connect-AzAccount -Identity');
    expect(connect.stdout).toContain('Azure subscription 1');
    const run = await learner.run('Get-AzResourceGroup');
    expect(run.stdout).toContain(`ResourceGroupName : ${learner.values.resourceGroup}`);
  });
});
