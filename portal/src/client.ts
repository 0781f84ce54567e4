import { Client, cacheExchange, fetchExchange, subscriptionExchange } from "@urql/core";
import { createClient as createWsClient } from "graphql-ws";
import { markReachable, markUnreachable, trackedFetch } from "./data/connection";

const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
const wsClient = createWsClient({
  url: wsUrl,
  lazy: true,
  retryAttempts: Infinity,
  on: {
    connected: () => markReachable(),
    // 1000 is the normal close when the last live query ends; anything else is a lost connection (retried).
    closed: (event) => {
      if ((event as { code?: number } | undefined)?.code !== 1000) markUnreachable();
    },
  },
});

/** The one GraphQL client: POST for queries (Apollo's CSRF prevention refuses simple GETs), WebSocket for live data. */
export const client = new Client({
  url: "/graphql",
  preferGetMethod: false,
  fetch: trackedFetch,
  fetchOptions: { credentials: "same-origin" },
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({
          unsubscribe: wsClient.subscribe({ ...request, query: request.query ?? "" }, sink),
        }),
      }),
    }),
  ],
});
