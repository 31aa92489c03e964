export { pollOnce, startPoller, refreshFeedSafely, mapConcurrent, UnknownFeedError, type RunningPoller, type PollOnceOptions } from './poller.js';
export { nextPollAfterFailure, nextPollAfterSuccess, effectiveIntervalSec, hintSeconds } from './schedule.js';
