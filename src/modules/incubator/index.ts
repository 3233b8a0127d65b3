// The incubator's public face: the self-assessment of a founding group and the public figures of each kind of co-op.
// (Projects, calls, mentoring, statute drafting and workers' buyouts are the later slices of issue 8.)
import './messages.ts';
import type { PlatformModule } from '../../core/module.ts';
import { registerIncubatorRoutes } from './routes.ts';

export const incubatorModule: PlatformModule = {
  name: 'incubator',
  async register({ app, database }) {
    registerIncubatorRoutes(app, database);
  },
};

export { assess, answerProblems, KINDS, RULES, type Answers, type Assessment, type Kind } from './domain/assessment.ts';
