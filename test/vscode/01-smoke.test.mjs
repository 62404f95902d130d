// Proves the harness itself, with or without the extension: the workbench loads, a .py opens,
// the editor shows its text, screenshots are saved in both themes.
import assert from 'node:assert/strict';

export default [
  {
    name: 'workbench opens a Python file and shows its text',
    async run({ wb }) {
      await wb.openFile('cosine_restarts.py');
      const text = await wb.editorText();
      assert.match(text, /CosineAnnealingWarmRestarts\(optimizer, T_0=10, T_mult=2, eta_min=0\.01\)/);
      assert.match(await wb.statusLanguage(), /python/i, 'status bar shows the Python language');
      assert.ok(await wb.wordPosition('T_mult'), 'T_mult is found in the rendered lines');
      await wb.screenshot('editor-light');
    },
  },
  {
    name: 'dark theme switch works (screenshot)',
    async run({ wb }) {
      await wb.setTheme('Default Dark Modern');
      await wb.screenshot('editor-dark');
      await wb.setTheme('Default Light Modern');
    },
  },
];
