/** Pins the public surface of the Confluence client, so a change to it is a visible decision. */
test('src/confluence/index.ts exports', async () => {
  const module = await import('../../src/confluence/index.js');
  expect(Object.keys(module).sort()).toEqual([
    'ConfluenceClient',
    'ConfluenceError',
    'OWNER_PROPERTY_KEY',
    'VERSION_MESSAGE_PREFIX',
    'isNotFound',
    'isTitleExists',
    'isVersionConflict',
  ]);
});
