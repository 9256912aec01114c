// caravan's live channel: one WebSocket, frames pushed by the server at its push rate, reconnect with backoff.

export class LiveChannel {
    constructor(onFrame, onState) {
        this.onFrame = onFrame;
        this.onState = onState;
        this.delay = 500;
    }

    open() {
        const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
        const socket = new WebSocket(`${scheme}://${location.host}/api/live`);
        socket.onopen = () => {
            this.delay = 500;
            this.onState(true);
        };
        socket.onmessage = event => {
            const message = JSON.parse(event.data);
            if (message.type === 'frame') {
                this.onFrame(message);
            }
        };
        socket.onclose = () => {
            this.onState(false);
            setTimeout(() => this.open(), this.delay);
            this.delay = Math.min(this.delay * 2, 10000);
        };
    }
}
