/** Validated settings, the same for the Action (inputs.ts) and the CLI (cli/args.ts). */
export type Mode = 'auto' | 'publish' | 'preview' | 'pull';
export type OnConflict = 'fail' | 'skip' | 'overwrite';
export type OnDelete = 'keep' | 'archive' | 'trash';
export type Deployment = 'auto' | 'cloud' | 'datacenter';

export interface Config {
  confluenceUrl: string;
  /** Empty → token is a Data Center PAT sent as Bearer. */
  username: string;
  token: string;
  space: string;
  parentPageId: string;
  /** Absolute path of the workspace (repository root). */
  workspace: string;
  /** Workspace-relative POSIX path of the docs folder. */
  docsDir: string;
  mode: Mode;
  onConflict: OnConflict;
  onDelete: OnDelete;
  force: boolean;
  concurrency: number;
  notifyWatchers: boolean;
  githubToken: string;
  manifestKey: string;
  deployment: Deployment;
  /** Raw HTML elements allowed through the converter (empty: escape all raw HTML). */
  htmlAllowList: string[];
  /** Largest share of owned pages one run may delete (0..1). */
  maxDeleteRatio: number;
}
