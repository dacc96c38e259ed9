// The tablet's connection to the hub feed: hello with token and last sequence, reconnect
// with backoff, and never show a record twice.
export class FeedClient {
  constructor({ url, token, onRecord, onState }) {
    this.url = url;
    this.token = token;
    this.onRecord = onRecord;
    this.onState = onState;
    this.lastSeq = 0;
    this.attempt = 0;
    this.stopped = false;
  }

  start() {
    this.onState('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ type: 'hello', token: this.token, since: this.lastSeq }));
    });
    socket.addEventListener('message', (message) => {
      const data = JSON.parse(message.data);
      if (data.type === 'welcome') {
        this.attempt = 0;
        this.onState('connected');
      } else if (data.type === 'record' && data.record.seq > this.lastSeq) {
        this.lastSeq = data.record.seq;
        this.onRecord(data.record);
      } else if (data.type === 'error' && (data.error.code === 'UNAUTHORIZED' || data.error.code === 'FORBIDDEN')) {
        this.stopped = true;
        this.onState('unauthorized');
      }
    });
    socket.addEventListener('close', () => {
      if (this.stopped) return;
      this.onState('disconnected');
      const delay = Math.min(10000, 250 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
      setTimeout(() => this.start(), delay);
    });
  }

  stop() {
    this.stopped = true;
    this.socket?.close();
  }
}
