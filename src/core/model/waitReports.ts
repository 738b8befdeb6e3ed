import type { ChatModel } from './types';

/** The model with each call's waits (retries, rate-limit pauses) reported to `report`, unless a request brings its own `onStatus`. */
export function reportingWaits(model: ChatModel, report: ((message: string) => void) | undefined): ChatModel {
  if (!report) return model;
  return {
    identity: model.identity,
    chat: (request) => model.chat(request.onStatus ? request : { ...request, onStatus: report }),
  };
}
