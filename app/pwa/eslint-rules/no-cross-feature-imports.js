import path from 'node:path';

/**
 * Keeps each feature to itself (bulletproof-react's rule): a file under src/features/A imports nothing under
 * src/features/B, and shared code (api, ui, offline, i18n…) imports no feature at all. Only the app layer (the router,
 * its routes and the entry point) puts features together. Relative paths are resolved, so `../../events/api` and
 * `../features/events` are caught wherever they are written; packages are not this rule's business.
 *
 * Options: `src` (the source root, relative to the working directory; `src` by default) and `composers` (the files and
 * folders under it that may import any feature; `app` and `main.tsx` by default).
 *
 * @type {import('eslint').Rule.RuleModule}
 */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'forbid imports from one feature into another, and from shared code into any feature' },
    schema: [
      {
        type: 'object',
        properties: {
          src: { type: 'string' },
          composers: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      otherFeature: "Feature '{{feature}}' imports '{{source}}' from feature '{{other}}': features do not import each other (compose them in the app's routes).",
      sharedToFeature: "Shared code imports '{{source}}' from feature '{{other}}': only {{composers}} put features together.",
    },
  },

  create(context) {
    const options = context.options[0] ?? {};
    const src = path.resolve(context.cwd, options.src ?? 'src');
    const features = path.join(src, 'features');
    const composerNames = options.composers ?? ['app', 'main.tsx'];
    const composers = composerNames.map((name) => path.resolve(src, name));
    const filename = path.resolve(context.cwd, context.filename);

    /** The feature a path is in (its first folder under src/features), or null for a path outside every feature. */
    const featureOf = (file) => {
      const relative = path.relative(features, file);
      if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
        return null;
      }
      return relative.split(path.sep)[0];
    };
    const inside = (file, folder) => file === folder || file.startsWith(folder + path.sep);

    const own = featureOf(filename);
    const shared = own === null && inside(filename, src) && !composers.some((composer) => inside(filename, composer));

    const check = (literal) => {
      if (!literal || literal.type !== 'Literal' || typeof literal.value !== 'string') {
        return;
      }
      const source = literal.value;
      if (!source.startsWith('.') && !path.isAbsolute(source)) {
        return;
      }
      const other = featureOf(path.resolve(path.dirname(filename), source));
      if (other === null || other === own) {
        return;
      }
      if (own !== null) {
        context.report({ node: literal, messageId: 'otherFeature', data: { feature: own, other, source } });
      } else if (shared) {
        context.report({ node: literal, messageId: 'sharedToFeature', data: { other, source, composers: composerNames.join(', ') } });
      }
    };

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // TypeScript's `import x = require('…')` and `typeof import('…')`.
      TSExternalModuleReference: (node) => check(node.expression),
      TSImportType: (node) => check(node.source ?? node.argument?.literal),
    };
  },
};

export default rule;
