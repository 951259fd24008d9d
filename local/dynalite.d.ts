declare module 'dynalite' {
  import type { Server } from 'node:http';
  /** An in-memory DynamoDB speaking the real JSON protocol; returns an unstarted HTTP server. */
  export default function dynalite(options?: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number; path?: string }): Server;
}
