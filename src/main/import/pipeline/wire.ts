import { DomainError } from '../../core/domain-error';

/** A failure as it crosses from the worker: code, message and details survive structured cloning. */
export interface WireError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  stack?: string;
}

export function toWire(error: unknown): WireError {
  if (error instanceof DomainError) return { code: error.code, message: error.message, details: error.details };
  const e = error instanceof Error ? error : new Error(String(error));
  return { code: 'INTERNAL', message: e.message, stack: e.stack };
}

export function fromWire(wire: WireError): Error {
  if (wire.code === 'INTERNAL') {
    const error = new Error(wire.message);
    if (wire.stack) error.stack = wire.stack;
    return error;
  }
  return new DomainError(wire.code, wire.message, wire.details);
}
