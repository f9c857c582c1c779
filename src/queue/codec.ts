/**
 * The queue's wire format: job data and results go through Node's structured serializer (`v8.serialize`, the
 * algorithm worker threads use), base64 in the job's JSON, so typed arrays, NaN and -0 come back exactly and a
 * distributed result equals the in-process one bit for bit. Producer and workers must run the same Node major
 * version (the format is versioned by V8 and read back only by the same or a newer one).
 */
import { deserialize, serialize } from 'node:v8';
import type { ModelRun } from '../models/run-model.js';
import type { FutureData, SeriesData } from '../models/types.js';

/** One job: a slice of a chunk's readable series and what to run on them. */
export interface ForecastJobData {
  /** The run the job belongs to. */
  run: string;
  /** Chunk of the run and position of the job's first item in it. */
  chunk: number;
  first: number;
  models: string[];
  horizon: number;
  levels: number[];
  items: { series: SeriesData; future?: FutureData }[];
}

/** A job's answer: the runs of every item, in order, and which slice they answer. */
export interface ForecastJobResult {
  run: string;
  chunk: number;
  first: number;
  runs: ModelRun[][];
}

/**
 * Encodes a value for a job's data or result.
 *
 * @example
 * decode<Float64Array>(encode(Float64Array.of(NaN, -0)))[1] // -0
 */
export function encode(value: unknown): string {
  return serialize(value).toString('base64');
}

/** Decodes what `encode` made. */
export function decode<T>(text: string): T {
  return deserialize(Buffer.from(text, 'base64')) as T;
}
