// More of the lifecycle, production and completed-series lessons (lifecycle-plans.ts): a file of
// their own so the suite's two browsers share them.
import { sessionPerTest } from './harness';
import { lessonRuns, PLANS } from './lifecycle-plans';

lessonRuns(sessionPerTest(), PLANS.slice(3, 6));
