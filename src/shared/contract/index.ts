import type { z } from 'zod';
import type { Result } from '../result';
import { annotationMethods } from './annotations';
import { approvalMethods } from './approvals';
import { auditMethods } from './audit';
import { eventsMethods } from './events';
import { exportPathMethods } from './export-path';
import { incidentsMethods } from './incidents';
import { operatorMethods } from './operators';
import { policyMethods } from './policy';
import { providerMethods } from './provider';
import { systemMethods } from './system';
import { teamDatabaseMethods } from './team-database';
import { troubleshootMethods } from './troubleshoot';
import { statsMethods, trendsMethods } from './trends';
import { userMethods } from './users';
import { verifyMethods } from './verify';
import { workspaceMethods } from './workspaces';

export type { MethodSpec } from './define';
export * from './annotations';
export * from './approvals';
export * from './audit';
export * from './events';
export * from './export-path';
export * from './incidents';
export * from './operators';
export * from './policy';
export * from './provider';
export * from './system';
export * from './team-database';
export * from './troubleshoot';
export * from './trends';
export * from './users';
export * from './verify';
export * from './workspaces';

/**
 * The single source of the API. Each area declares its methods in its own file;
 * this object merges them. The preload bridge, the web shell's client and the
 * main-process handlers are all derived from it, so a method is declared once.
 */
export const contract = {
  ...systemMethods,
  ...operatorMethods,
  ...userMethods,
  ...verifyMethods,
  ...policyMethods,
  ...providerMethods,
  ...teamDatabaseMethods,
  ...eventsMethods,
  ...annotationMethods,
  ...exportPathMethods,
  ...troubleshootMethods,
  ...trendsMethods,
  ...statsMethods,
  ...workspaceMethods,
  ...incidentsMethods,
  ...approvalMethods,
  ...auditMethods,
};

export type Contract = typeof contract;
export type ApiMethod = keyof Contract;
export type ApiInput<M extends ApiMethod> = z.input<Contract[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<Contract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = NonNullable<Contract[M]['output']>;

/** What the renderer calls: one async function per method, answering the envelope. */
export type ApiClient = {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<Result<ApiOutput<M>>>;
};

export const API_METHODS = Object.keys(contract) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** The IPC channel of a method; the preload and the main process both use this. */
export const ipcChannel = (name: ApiMethod): string => `mfa:${name}`;
