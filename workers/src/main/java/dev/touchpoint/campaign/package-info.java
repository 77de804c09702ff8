/**
 * Campaigns for marketing ops: a journey (BPMN process id) started once per customer of an audience (an uploaded
 * CSV/JSONL list or a filter over the customer context), with a dry run, a throttled launch on one scheduler thread,
 * pause/resume/cancel and progress, all state in the database so a restart resumes without starting anyone twice.
 */
package dev.touchpoint.campaign;
