// caravan's own query API. Symbols go into URLs only through encodeURIComponent.

async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await response.json();
    if (!response.ok) {
        throw new Error(body.error || `${url}: HTTP ${response.status}`);
    }
    return body;
}

export const api = {
    settings: () => getJson('/api/dashboard'),
    quotes: () => getJson('/api/quotes'),
    bars: (symbol, interval, limit) =>
        getJson(`/api/bars/${encodeURIComponent(symbol)}?interval=${encodeURIComponent(interval)}&limit=${limit}`),
};
