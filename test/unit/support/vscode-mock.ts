// A minimal stand-in for the `vscode` module, enough to drive src/editor/previewPanel.ts in plain
// Node: webview panels record the messages posted to them; documents are in-memory strings.
// Installed by support/install-vscode-mock.ts before previewPanel is loaded.
type Listener<T> = (e: T) => void;
class Emitter<T> {
  private ls: Listener<T>[] = [];
  event = (l: Listener<T>) => {
    this.ls.push(l);
    return { dispose: () => (this.ls = this.ls.filter((x) => x !== l)) };
  };
  fire(e: T) {
    for (const l of this.ls) l(e);
  }
}

export class Uri {
  constructor(readonly scheme: string, readonly path: string) {}
  static parse(s: string) {
    const m = /^(\w+):\/\/(.*)$/.exec(s);
    return new Uri(m ? m[1] : 'file', m ? m[2] : s);
  }
  static file(p: string) {
    return new Uri('file', p);
  }
  static joinPath(u: Uri, ...parts: string[]) {
    const segs = u.path.split('/');
    for (const p of parts) for (const s of p.split('/')) s === '..' ? segs.pop() : segs.push(s);
    return new Uri(u.scheme, segs.join('/'));
  }
  toString() {
    return `${this.scheme}://${this.path}`;
  }
}
export class Position {
  constructor(readonly line: number, readonly character: number) {}
}
export class Range {
  constructor(readonly start: Position, readonly end: Position) {}
}

export class TextDocument {
  version = 1;
  constructor(readonly uri: Uri, public text: string) {}
  getText() {
    return this.text;
  }
  offsetAt(p: Position) {
    const lines = this.text.split('\n');
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + p.character;
  }
  positionAt(offset: number) {
    const before = this.text.slice(0, offset).split('\n');
    return new Position(before.length - 1, before[before.length - 1].length);
  }
}

export class WorkspaceEdit {
  readonly edits: { uri: Uri; range: Range; text: string }[] = [];
  replace(uri: Uri, range: Range, text: string) {
    this.edits.push({ uri, range, text });
  }
  insert(uri: Uri, pos: Position, text: string) {
    this.edits.push({ uri, range: new Range(pos, pos), text });
  }
}

export const posted: { panel: MockPanel; msg: any }[] = [];
export class MockPanel {
  title = '';
  viewColumn = 2;
  active = true;
  private recv = new Emitter<unknown>();
  private disposed = new Emitter<void>();
  private viewState = new Emitter<{ webviewPanel: MockPanel }>();
  webview = {
    html: '',
    options: {} as any,
    cspSource: 'https://mock.vscode-cdn.net',
    asWebviewUri: (u: Uri) => `https://mock.vscode-cdn.net${u.path}`,
    postMessage: async (msg: unknown) => {
      posted.push({ panel: this, msg });
      return true;
    },
    onDidReceiveMessage: this.recv.event,
  };
  onDidDispose = this.disposed.event;
  onDidChangeViewState = this.viewState.event;
  constructor(readonly viewType: string) {}
  /** Simulates the webview script posting a message. */
  send(msg: unknown) {
    this.recv.fire(msg);
  }
  reveal() {}
  dispose() {
    this.disposed.fire();
  }
}

export const panels: MockPanel[] = [];
export const serializers = new Map<string, any>();
const changeDoc = new Emitter<{ document: TextDocument }>();
export const docs: TextDocument[] = [];
export const written = new Map<string, Uint8Array>();
export const messages: string[] = [];
export let saveTarget: Uri | undefined;
export function setSaveTarget(u: Uri | undefined) {
  saveTarget = u;
}

export const ViewColumn = { One: 1, Two: 2, Beside: -2, Active: -1 };
export const ColorThemeKind = { Light: 1, Dark: 2, HighContrast: 3, HighContrastLight: 4 };

export const window = {
  activeColorTheme: { kind: 1 },
  registerWebviewPanelSerializer: (viewType: string, s: unknown) => {
    serializers.set(viewType, s);
    return { dispose: () => serializers.delete(viewType) };
  },
  createWebviewPanel: (viewType: string) => {
    const p = new MockPanel(viewType);
    panels.push(p);
    return p;
  },
  onDidChangeActiveColorTheme: new Emitter<unknown>().event,
  showInformationMessage: async (m: string) => void messages.push(m),
  showErrorMessage: async (m: string) => void messages.push(m),
  showSaveDialog: async () => saveTarget,
  showTextDocument: async () => undefined,
};

export const workspace = {
  textDocuments: docs,
  onDidChangeTextDocument: changeDoc.event,
  openTextDocument: async (u: Uri) => {
    const d = docs.find((x) => x.uri.toString() === u.toString());
    if (!d) throw new Error('not found');
    return d;
  },
  asRelativePath: (u: Uri) => u.path.split('/').pop(),
  workspaceFolders: undefined,
  applyEdit: async (we: WorkspaceEdit) => {
    // apply from the end so offsets stay valid
    const sorted = [...we.edits].sort((a, b) => {
      const d = docs.find((x) => x.uri.toString() === a.uri.toString())!;
      return d.offsetAt(b.range.start) - d.offsetAt(a.range.start);
    });
    for (const e of sorted) {
      const d = docs.find((x) => x.uri.toString() === e.uri.toString())!;
      d.text = d.text.slice(0, d.offsetAt(e.range.start)) + e.text + d.text.slice(d.offsetAt(e.range.end));
      d.version++;
      changeDoc.fire({ document: d });
    }
    return true;
  },
  fs: {
    writeFile: async (u: Uri, bytes: Uint8Array) => void written.set(u.toString(), bytes),
  },
};

/** Replaces a document's text as if the user typed (fires onDidChangeTextDocument). */
export function editDocument(d: TextDocument, text: string) {
  d.text = text;
  d.version++;
  changeDoc.fire({ document: d });
}
