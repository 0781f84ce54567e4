import { client } from "../client";
import { graphql } from "../gql";
import type {
  ApplicationClientType,
  ApplicationDetailQuery,
  MyApplicationsQuery,
  SubscribableApisQuery,
} from "../gql/graphql";
import { loaded, type Loaded } from "./result";

export type ApplicationSummary = MyApplicationsQuery["applications"]["edges"][number]["node"];
export type ApplicationDetail = NonNullable<ApplicationDetailQuery["application"]>;
export type ApplicationSubscription = ApplicationDetail["subscriptions"][number];
export type SubscriptionCredential = NonNullable<ApplicationSubscription["credentials"]>[number];
export type SubscribableApi = SubscribableApisQuery["apis"]["edges"][number]["node"];

const MyApplicationsDocument = graphql(`
  query MyApplications {
    applications(first: 100) {
      edges {
        node {
          id
          name
          description
          clientType
          viewerRole
          subscriptions {
            id
            status
          }
        }
      }
    }
  }
`);

const ApplicationDetailDocument = graphql(`
  query ApplicationDetail($id: ID!) {
    application(id: $id) {
      id
      name
      descriptionHtml
      clientType
      redirectUris
      viewerRole
      subscriptions {
        id
        status
        statusReason
        createdAt
        statusHistory {
          status
          at
          reason
        }
        api {
          id
          name
        }
        plan {
          id
          name
          needsApproval
        }
        credentials {
          id
          kind
          apiKey
          clientId
          clientSecret
          createdAt
          expiresAt
        }
      }
    }
  }
`);

const SubscribableApisDocument = graphql(`
  query SubscribableApis {
    apis(first: 100) {
      edges {
        node {
          id
          name
          subscribable
          plans {
            id
            name
            limits
            needsApproval
          }
        }
      }
    }
  }
`);

const CreateApplicationDocument = graphql(`
  mutation CreateApplication($input: CreateApplicationInput!) {
    createApplication(input: $input) {
      application {
        id
      }
    }
  }
`);

const SubscribeDocument = graphql(`
  mutation Subscribe($input: SubscribeInput!) {
    subscribe(input: $input) {
      subscription {
        id
        status
      }
    }
  }
`);

export const SubscriptionStatusChangedDocument = graphql(`
  subscription SubscriptionStatusChanged($applicationId: ID!) {
    subscriptionStatusChanged(applicationId: $applicationId) {
      subscriptionId
      event
    }
  }
`);

export async function loadMyApplications(): Promise<Loaded<readonly ApplicationSummary[]>> {
  const result = await client.query(MyApplicationsDocument, {}, { requestPolicy: "network-only" }).toPromise();
  return loaded(result, (data) => data.applications.edges.map((edge) => edge.node));
}

export async function loadApplication(id: string): Promise<Loaded<ApplicationDetail | null>> {
  const result = await client
    .query(ApplicationDetailDocument, { id }, { requestPolicy: "network-only" })
    .toPromise();
  return loaded(result, (data) => data.application ?? null);
}

export async function loadSubscribableApis(): Promise<Loaded<readonly SubscribableApi[]>> {
  const result = await client.query(SubscribableApisDocument, {}).toPromise();
  return loaded(result, (data) => data.apis.edges.map((edge) => edge.node).filter((api) => api.subscribable));
}

export async function createApplication(input: {
  id: string;
  name: string;
  description: string;
  clientType: ApplicationClientType;
  redirectUris: string[];
}): Promise<Loaded<string>> {
  const result = await client.mutation(CreateApplicationDocument, { input }).toPromise();
  return loaded(result, (data) => data.createApplication.application.id);
}

export async function subscribe(input: {
  applicationId: string;
  apiId: string;
  planId: string;
}): Promise<Loaded<{ id: string; status: string }>> {
  const result = await client.mutation(SubscribeDocument, { input }).toPromise();
  return loaded(result, (data) => data.subscribe.subscription);
}
