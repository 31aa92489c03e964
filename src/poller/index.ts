export { pollOnce, startPoller, refreshFeedSafely, UnknownFeedError, type RunningPoller, type PollOnceOptions } from './poller.js';
