export { collectEdits, editFeedback, editMaxRepairTurns, editSkill, proposedFiles, runEdit } from './editSkill';
export type { EditedFile, EditInput, EditResult, EditSelection } from './editTypes';
export { summarizeEdit } from './summarizeEdit';
