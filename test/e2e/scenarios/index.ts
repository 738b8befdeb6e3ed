// The scenarios, in the order they run.
import type { Scenario } from '../support/scenario';
import { smoke } from './smoke';
import { agentSkills } from './agentSkills';
import { mcpTools } from './mcpTools';
import { reviewCommand } from './reviewCommand';
import { chatReview } from './chatReview';
import { lmTool } from './lmTool';
import { localizeCommand } from './localizeCommand';
import { chatLocalize } from './chatLocalize';
import { chatEdit } from './chatEdit';
import { editCommand } from './editCommand';
import { lmToolEdit } from './lmToolEdit';
import { testsCommand } from './testsCommand';
import { chatReproduce } from './chatReproduce';
import { chatFix } from './chatFix';
import { lmToolFix } from './lmToolFix';
import { fixCommand } from './fixCommand';
import { runWorkflowCommand } from './runWorkflowCommand';
import { untrustedTests } from './untrustedTests';
import { hostSuite } from './hostSuite';
import { apiKeyOrigin } from './apiKeyOrigin';
import { apiKeyEcho } from './apiKeyEcho';
import { npmStart } from './npmStart';
import { chatSuggestion } from './chatSuggestion';
import { firstRun } from './firstRun';

export const scenarios: Scenario[] = [smoke, agentSkills, mcpTools, reviewCommand, chatReview, lmTool, localizeCommand, chatLocalize, editCommand, chatEdit, lmToolEdit, testsCommand, chatReproduce, chatFix, lmToolFix, fixCommand, runWorkflowCommand, untrustedTests, apiKeyOrigin, apiKeyEcho, chatSuggestion, firstRun, npmStart, hostSuite];
