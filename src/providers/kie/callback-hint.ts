import { asRecord, asTaskId } from "./fields";

/**
 * The task id a KieAI callback is about, for every family's payload:
 *   jobs    {code, msg, data: {taskId, state, resultJson, …}}
 *   4o      {code, msg, data: {taskId, info: {result_urls}}}
 *   veo     {code, msg, data: {taskId, info: {resultUrls, …}}}
 *   runway  {code, msg, data: {task_id, video_id, video_url, …}}
 * KieAI does not sign the body, so it is only a hint of which task to re-read from
 * record-info; its results and status are deliberately ignored.
 */
export function parseKieCallbackHint(body: unknown): { taskId: string | null } {
  const data = asRecord(asRecord(body)?.data);
  return { taskId: asTaskId(data?.taskId) ?? asTaskId(data?.task_id) };
}
