// The scripted model server for a scenario, closed with it, and the settings that point the
// extension at it (the endpoint backend, the model name, anything else the scenario adds).
import { startScriptedModelServer, type ScriptedModelServer, type ScriptedReply } from '../../support/scriptedModelServer';
import type { ScenarioContext } from './scenario';

/** The model name the scripted server serves in every scenario. */
export const MODEL = 'scripted-model';

export async function scriptedModel(
  t: ScenarioContext,
  replies: ScriptedReply[],
  extraSettings: Record<string, unknown> = {},
): Promise<{ model: ScriptedModelServer; settings: Record<string, unknown> }> {
  const model = await startScriptedModelServer({ models: [MODEL], replies });
  t.defer('stop scripted model', () => model.close());
  const settings = { 'atomicSkills.model.baseUrl': model.url, 'atomicSkills.model.name': MODEL, 'atomicSkills.model.backend': 'openai', ...extraSettings };
  return { model, settings };
}
