// @vitest-environment node
import tsParser from '@typescript-eslint/parser';
import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import rule from './no-cross-feature-imports.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({
  languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
});

// A made-up project: the rule reads paths only, so nothing needs to exist on disk.
const options = [{ src: '/project/src', composers: ['app', 'main.tsx'] }];
const file = (path) => '/project/src/' + path;

tester.run('no-cross-feature-imports', rule, {
  valid: [
    {
      name: 'a feature imports itself',
      filename: file('features/events/components/EventPage.tsx'),
      code: "import { eventQuery } from '../api/events';\nimport type { EventView } from '../api/types';\nimport { priceLabel } from '../price';",
      options,
    },
    {
      name: 'a feature imports shared code',
      filename: file('features/events/components/EventPage.tsx'),
      code: "import { must } from '../../../api/client';\nimport { t } from '../../../i18n/t';\nimport { Page } from '../../../ui/Page';",
      options,
    },
    {
      name: 'a feature imports packages',
      filename: file('features/events/api/events.ts'),
      code: "import { useQuery } from '@tanstack/react-query';\nimport path from 'node:path';",
      options,
    },
    {
      name: 'shared code imports shared code',
      filename: file('ui/Shell.tsx'),
      code: "import { useAuth } from '../auth';\nimport { flushQueue } from '../offline/actions';",
      options,
    },
    {
      name: 'the routes compose features',
      filename: file('app/routes/EventPage.tsx'),
      code: "import EventPage from '../../features/events/components/EventPage';\nimport { PlanLine } from '../../features/payments/components/PlanLine';",
      options,
    },
    {
      name: 'the router loads features lazily',
      filename: file('app/App.tsx'),
      code: "const Events = lazy(() => import('../features/events/components/Events'));",
      options,
    },
    {
      name: 'the entry point imports a feature',
      filename: file('main.tsx'),
      code: "import { forgetExpired } from './features/events/offline/retreat';",
      options,
    },
    {
      name: 'a feature whose name starts like another one is still itself',
      filename: file('features/members/components/Members.tsx'),
      code: "import { ROLES } from '../roles';\nimport { memberKeys } from '../api/keys';",
      options,
    },
  ],
  invalid: [
    {
      name: 'a feature imports another one',
      filename: file('features/events/components/EventPage.tsx'),
      code: "import { PlanLine } from '../../payments/components/PlanLine';",
      options,
      errors: [{ messageId: 'otherFeature', data: { feature: 'events', other: 'payments', source: '../../payments/components/PlanLine' } }],
    },
    {
      name: 'a feature imports another one by a path through shared code',
      filename: file('features/circles/api/circles.ts'),
      code: "import { memberKeys } from '../../../features/members/api/keys';",
      options,
      errors: [{ messageId: 'otherFeature' }],
    },
    {
      name: "a feature imports another one's types, re-exports it or loads it lazily",
      filename: file('features/circles/components/FacilitateCircle.tsx'),
      code: [
        "import type { Person } from '../../members/api/types';",
        "export { useMemberNames } from '../../members/api/members';",
        "export * from '../../members/roles';",
        "const Members = () => import('../../members/components/Members');",
        "type Keys = typeof import('../../members/api/keys');",
      ].join('\n'),
      options,
      errors: [{ messageId: 'otherFeature' }, { messageId: 'otherFeature' }, { messageId: 'otherFeature' }, { messageId: 'otherFeature' }, { messageId: 'otherFeature' }],
    },
    {
      name: 'shared code imports a feature',
      filename: file('ui/Shell.tsx'),
      code: "import { EventLinks } from '../features/events/components/EventLinks';",
      options,
      errors: [{ messageId: 'sharedToFeature', data: { other: 'events', source: '../features/events/components/EventLinks', composers: 'app, main.tsx' } }],
    },
    {
      name: "shared code imports a feature's root",
      filename: file('api/client.ts'),
      code: "import * as events from '../features/events';",
      options,
      errors: [{ messageId: 'sharedToFeature' }],
    },
  ],
});
