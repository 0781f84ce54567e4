/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AccessTokens {\n    accessTokens(first: 100) {\n      edges {\n        node {\n          id\n          name\n          prefix\n          scope\n          createdAt\n          expiresAt\n          lastUsedAt\n        }\n      }\n    }\n  }\n": typeof types.AccessTokensDocument,
    "\n  mutation CreateAccessToken($input: CreateAccessTokenInput!) {\n    createAccessToken(input: $input) {\n      token\n      accessToken {\n        id\n      }\n    }\n  }\n": typeof types.CreateAccessTokenDocument,
    "\n  mutation RevokeAccessToken($input: RevokeAccessTokenInput!) {\n    revokeAccessToken(input: $input) {\n      accessToken {\n        id\n        revokedAt\n      }\n    }\n  }\n": typeof types.RevokeAccessTokenDocument,
    "\n  query Profile {\n    viewer {\n      id\n      displayName\n      email\n      profile {\n        field\n        label\n        maxLength\n        required\n        value\n      }\n    }\n  }\n": typeof types.ProfileDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      viewer {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      endedSessions\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation RequestPasswordReset($input: EmailAddressInput!) {\n    requestPasswordReset(input: $input) {\n      accepted\n    }\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      endedSessions\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation RequestEmailChange($input: RequestEmailChangeInput!) {\n    requestEmailChange(input: $input) {\n      newEmail\n    }\n  }\n": typeof types.RequestEmailChangeDocument,
    "\n  mutation ConfirmEmailChange($input: EmailLinkInput!) {\n    confirmEmailChange(input: $input) {\n      email\n    }\n  }\n": typeof types.ConfirmEmailChangeDocument,
    "\n  mutation DeleteAccount($input: DeleteAccountInput!) {\n    deleteAccount(input: $input) {\n      deletedUserId\n    }\n  }\n": typeof types.DeleteAccountDocument,
    "\n  query AllApplications($filter: ApplicationFilter, $after: String) {\n    applications(all: true, filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          name\n          clientType\n          createdAt\n          members {\n            role\n            user {\n              id\n              displayName\n            }\n          }\n          subscriptions {\n            id\n            status\n            statusReason\n            api {\n              id\n              name\n            }\n            plan {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.AllApplicationsDocument,
    "\n  query ApiReference($id: ID!) {\n    api(id: $id) {\n      id\n      openApiDocument\n      openApiUrl\n    }\n  }\n": typeof types.ApiReferenceDocument,
    "\n  query TryItKeys {\n    applications(first: 100) {\n      edges {\n        node {\n          id\n          name\n          subscriptions {\n            id\n            api {\n              id\n            }\n            credentials {\n              apiKey\n              expiresAt\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.TryItKeysDocument,
    "\n  query ApplicationSettings($id: ID!) {\n    application(id: $id) {\n      id\n      name\n      description\n      clientType\n      redirectUris\n      viewerRole\n      members {\n        role\n        addedAt\n        user {\n          id\n          displayName\n          email\n        }\n      }\n    }\n  }\n": typeof types.ApplicationSettingsDocument,
    "\n  mutation UpdateApplication($input: UpdateApplicationInput!) {\n    updateApplication(input: $input) {\n      application {\n        id\n        name\n      }\n    }\n  }\n": typeof types.UpdateApplicationDocument,
    "\n  mutation DeleteApplication($input: DeleteApplicationInput!) {\n    deleteApplication(input: $input) {\n      deletedApplicationId\n    }\n  }\n": typeof types.DeleteApplicationDocument,
    "\n  mutation AddApplicationMember($input: AddApplicationMemberInput!) {\n    addApplicationMember(input: $input) {\n      member {\n        role\n        user {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.AddApplicationMemberDocument,
    "\n  mutation ChangeApplicationMemberRole($input: ChangeApplicationMemberRoleInput!) {\n    changeApplicationMemberRole(input: $input) {\n      member {\n        role\n      }\n    }\n  }\n": typeof types.ChangeApplicationMemberRoleDocument,
    "\n  mutation RemoveApplicationMember($input: RemoveApplicationMemberInput!) {\n    removeApplicationMember(input: $input) {\n      applicationId\n    }\n  }\n": typeof types.RemoveApplicationMemberDocument,
    "\n  query MyApplications {\n    applications(first: 100) {\n      edges {\n        node {\n          id\n          name\n          description\n          clientType\n          viewerRole\n          subscriptions {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyApplicationsDocument,
    "\n  query ApplicationDetail($id: ID!) {\n    application(id: $id) {\n      id\n      name\n      descriptionHtml\n      clientType\n      redirectUris\n      viewerRole\n      subscriptions {\n        id\n        status\n        statusReason\n        createdAt\n        statusHistory {\n          status\n          at\n          reason\n        }\n        api {\n          id\n          name\n        }\n        plan {\n          id\n          name\n          needsApproval\n        }\n        credentials {\n          id\n          kind\n          apiKey\n          clientId\n          clientSecret\n          createdAt\n          expiresAt\n        }\n      }\n    }\n  }\n": typeof types.ApplicationDetailDocument,
    "\n  query SubscribableApis {\n    apis(first: 100) {\n      edges {\n        node {\n          id\n          name\n          subscribable\n          plans {\n            id\n            name\n            limits\n            needsApproval\n          }\n        }\n      }\n    }\n  }\n": typeof types.SubscribableApisDocument,
    "\n  mutation CreateApplication($input: CreateApplicationInput!) {\n    createApplication(input: $input) {\n      application {\n        id\n      }\n    }\n  }\n": typeof types.CreateApplicationDocument,
    "\n  mutation Subscribe($input: SubscribeInput!) {\n    subscribe(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n": typeof types.SubscribeDocument,
    "\n  subscription SubscriptionStatusChanged($applicationId: ID!) {\n    subscriptionStatusChanged(applicationId: $applicationId) {\n      subscriptionId\n      event\n    }\n  }\n": typeof types.SubscriptionStatusChangedDocument,
    "\n  query Approvals {\n    approvals(first: 100) {\n      totalCount\n      edges {\n        node {\n          requestedAt\n          waitingSeconds\n          api {\n            id\n            name\n          }\n          plan {\n            id\n            name\n          }\n          application {\n            id\n            name\n          }\n          requester {\n            id\n            displayName\n            email\n          }\n          subscription {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.ApprovalsDocument,
    "\n  mutation ApproveRequest($input: ApproveSubscriptionInput!) {\n    approveSubscription(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n": typeof types.ApproveRequestDocument,
    "\n  mutation DeclineRequest($input: DeclineSubscriptionInput!) {\n    declineSubscription(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n": typeof types.DeclineRequestDocument,
    "\n  subscription ApprovalQueueChanged {\n    approvalQueueChanged {\n      subscriptionId\n      change\n    }\n  }\n": typeof types.ApprovalQueueChangedDocument,
    "\n  query AuditLog($filter: AuditLogFilterInput, $after: String) {\n    auditLog(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorId\n          actorKind\n          targetType\n          targetId\n          clientAddress\n          summary\n        }\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query Catalog($filter: ApiFilterInput) {\n    apis(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          summary\n          tags\n          deprecated\n          authMethod\n        }\n      }\n    }\n    apiTags {\n      tag\n      count\n    }\n  }\n": typeof types.CatalogDocument,
    "\n  query ApiDetail($id: ID!) {\n    api(id: $id) {\n      id\n      name\n      summary\n      descriptionHtml\n      tags\n      deprecated\n      authMethod\n      apiKeyHeader\n      requestUrl\n      subscribable\n      limits\n      plans {\n        id\n        name\n        descriptionHtml\n        limits\n        needsApproval\n      }\n    }\n  }\n": typeof types.ApiDetailDocument,
    "\n  query SiteMap {\n    siteMap {\n      kind\n      path\n      title\n    }\n  }\n": typeof types.SiteMapDocument,
    "\n  query ContentPage($id: ID!) {\n    contentPage(id: $id) {\n      id\n      title\n      html\n    }\n  }\n": typeof types.ContentPageDocument,
    "\n  query OutboundMessages($filter: OutboundMessageFilterInput, $after: String) {\n    outboundMessages(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          channel\n          status\n          recipient\n          subject\n          template\n          eventName\n          attempts\n          error\n          updatedAt\n        }\n      }\n    }\n  }\n": typeof types.OutboundMessagesDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      displayName\n      email\n      emailVerified\n      isAdmin\n      isApprover\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        id\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    signOut {\n      signedOut\n    }\n  }\n": typeof types.SignOutDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      email\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation VerifyEmail($input: EmailLinkInput!) {\n    verifyEmail(input: $input) {\n      email\n    }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  query SignUpRequirements {\n    signUpRequirements {\n      passwordPolicy {\n        minLength\n        maxLength\n        requireUpper\n        requireLower\n        requireDigit\n        requireSpecial\n      }\n      profileFields {\n        id\n        label\n        required\n        maxLength\n      }\n    }\n  }\n": typeof types.SignUpRequirementsDocument,
    "\n  query ApiPlans($id: ID!) {\n    api(id: $id) {\n      id\n      plans {\n        id\n        name\n        limits\n        needsApproval\n      }\n    }\n  }\n": typeof types.ApiPlansDocument,
    "\n  mutation RotateSubscriptionCredentials($input: RotateSubscriptionCredentialsInput!) {\n    rotateSubscriptionCredentials(input: $input) {\n      subscription {\n        id\n      }\n    }\n  }\n": typeof types.RotateSubscriptionCredentialsDocument,
    "\n  mutation ChangeSubscriptionPlan($input: ChangeSubscriptionPlanInput!) {\n    changeSubscriptionPlan(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n": typeof types.ChangeSubscriptionPlanDocument,
    "\n  mutation Unsubscribe($input: UnsubscribeInput!) {\n    unsubscribe(input: $input) {\n      deletedSubscriptionId\n    }\n  }\n": typeof types.UnsubscribeDocument,
    "\n  query SystemHealth {\n    systemHealth {\n      checkedAt\n      configHash\n      database {\n        reachable\n        latencyMs\n        error\n      }\n      eventLog {\n        headSequence\n        headOccurredAt\n        headAgeSeconds\n      }\n      webhookListeners {\n        id\n        backlog\n        lagSeconds\n        failing\n        consecutiveFailures\n        deadLetters\n        lastSuccessAt\n      }\n    }\n  }\n": typeof types.SystemHealthDocument,
    "\n  query Users($filter: UserFilter, $after: String) {\n    users(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          email\n          displayName\n          emailVerified\n          disabledAt\n          groups {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  query AdminUser($id: ID!) {\n    user(id: $id) {\n      id\n      email\n      displayName\n      emailVerified\n      createdAt\n      disabledAt\n      isAdmin\n      isApprover\n      groups {\n        id\n        name\n      }\n      profile {\n        field\n        label\n        value\n      }\n    }\n  }\n": typeof types.AdminUserDocument,
    "\n  query Groups {\n    groups {\n      id\n      name\n      description\n      isAdmin\n      isApprover\n    }\n  }\n": typeof types.GroupsDocument,
    "\n  mutation SetUserGroups($input: SetUserGroupsInput!) {\n    setUserGroups(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.SetUserGroupsDocument,
    "\n  mutation DisableUser($input: UserRefInput!) {\n    disableUser(input: $input) {\n      user {\n        id\n        disabledAt\n      }\n    }\n  }\n": typeof types.DisableUserDocument,
    "\n  mutation EnableUser($input: UserRefInput!) {\n    enableUser(input: $input) {\n      user {\n        id\n        disabledAt\n      }\n    }\n  }\n": typeof types.EnableUserDocument,
    "\n  query WebhookListeners {\n    webhookListeners {\n      id\n      url\n      events\n      owner {\n        kind\n        id\n      }\n      position\n      backlog\n      lagSeconds\n      failing\n      consecutiveFailures\n      deadLetterCount\n      lastDelivery {\n        at\n        statusCode\n      }\n      lastAttempt {\n        at\n        statusCode\n        error\n      }\n      lease {\n        holder\n        expiresAt\n      }\n      deliveryLatency {\n        samples\n        p50Ms\n        p99Ms\n      }\n    }\n  }\n": typeof types.WebhookListenersDocument,
    "\n  query WebhookDeadLetters($id: ID!) {\n    webhookListener(id: $id) {\n      id\n      deadLetters(first: 100) {\n        totalCount\n        edges {\n          node {\n            sequence\n            attempts\n            reason\n            deadLetteredAt\n            redeliveryPending\n            event {\n              name\n              occurredAt\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.WebhookDeadLettersDocument,
    "\n  mutation RedeliverDeadLetters($input: RedeliverWebhookDeadLettersInput!) {\n    redeliverWebhookDeadLetters(input: $input) {\n      redelivering\n    }\n  }\n": typeof types.RedeliverDeadLettersDocument,
    "\n  mutation ReplayListener($input: ReplayWebhookListenerInput!) {\n    replayWebhookListener(input: $input) {\n      backlog\n      position\n    }\n  }\n": typeof types.ReplayListenerDocument,
};
const documents: Documents = {
    "\n  query AccessTokens {\n    accessTokens(first: 100) {\n      edges {\n        node {\n          id\n          name\n          prefix\n          scope\n          createdAt\n          expiresAt\n          lastUsedAt\n        }\n      }\n    }\n  }\n": types.AccessTokensDocument,
    "\n  mutation CreateAccessToken($input: CreateAccessTokenInput!) {\n    createAccessToken(input: $input) {\n      token\n      accessToken {\n        id\n      }\n    }\n  }\n": types.CreateAccessTokenDocument,
    "\n  mutation RevokeAccessToken($input: RevokeAccessTokenInput!) {\n    revokeAccessToken(input: $input) {\n      accessToken {\n        id\n        revokedAt\n      }\n    }\n  }\n": types.RevokeAccessTokenDocument,
    "\n  query Profile {\n    viewer {\n      id\n      displayName\n      email\n      profile {\n        field\n        label\n        maxLength\n        required\n        value\n      }\n    }\n  }\n": types.ProfileDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      viewer {\n        id\n        displayName\n      }\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      endedSessions\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation RequestPasswordReset($input: EmailAddressInput!) {\n    requestPasswordReset(input: $input) {\n      accepted\n    }\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      endedSessions\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  mutation RequestEmailChange($input: RequestEmailChangeInput!) {\n    requestEmailChange(input: $input) {\n      newEmail\n    }\n  }\n": types.RequestEmailChangeDocument,
    "\n  mutation ConfirmEmailChange($input: EmailLinkInput!) {\n    confirmEmailChange(input: $input) {\n      email\n    }\n  }\n": types.ConfirmEmailChangeDocument,
    "\n  mutation DeleteAccount($input: DeleteAccountInput!) {\n    deleteAccount(input: $input) {\n      deletedUserId\n    }\n  }\n": types.DeleteAccountDocument,
    "\n  query AllApplications($filter: ApplicationFilter, $after: String) {\n    applications(all: true, filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          name\n          clientType\n          createdAt\n          members {\n            role\n            user {\n              id\n              displayName\n            }\n          }\n          subscriptions {\n            id\n            status\n            statusReason\n            api {\n              id\n              name\n            }\n            plan {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.AllApplicationsDocument,
    "\n  query ApiReference($id: ID!) {\n    api(id: $id) {\n      id\n      openApiDocument\n      openApiUrl\n    }\n  }\n": types.ApiReferenceDocument,
    "\n  query TryItKeys {\n    applications(first: 100) {\n      edges {\n        node {\n          id\n          name\n          subscriptions {\n            id\n            api {\n              id\n            }\n            credentials {\n              apiKey\n              expiresAt\n            }\n          }\n        }\n      }\n    }\n  }\n": types.TryItKeysDocument,
    "\n  query ApplicationSettings($id: ID!) {\n    application(id: $id) {\n      id\n      name\n      description\n      clientType\n      redirectUris\n      viewerRole\n      members {\n        role\n        addedAt\n        user {\n          id\n          displayName\n          email\n        }\n      }\n    }\n  }\n": types.ApplicationSettingsDocument,
    "\n  mutation UpdateApplication($input: UpdateApplicationInput!) {\n    updateApplication(input: $input) {\n      application {\n        id\n        name\n      }\n    }\n  }\n": types.UpdateApplicationDocument,
    "\n  mutation DeleteApplication($input: DeleteApplicationInput!) {\n    deleteApplication(input: $input) {\n      deletedApplicationId\n    }\n  }\n": types.DeleteApplicationDocument,
    "\n  mutation AddApplicationMember($input: AddApplicationMemberInput!) {\n    addApplicationMember(input: $input) {\n      member {\n        role\n        user {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": types.AddApplicationMemberDocument,
    "\n  mutation ChangeApplicationMemberRole($input: ChangeApplicationMemberRoleInput!) {\n    changeApplicationMemberRole(input: $input) {\n      member {\n        role\n      }\n    }\n  }\n": types.ChangeApplicationMemberRoleDocument,
    "\n  mutation RemoveApplicationMember($input: RemoveApplicationMemberInput!) {\n    removeApplicationMember(input: $input) {\n      applicationId\n    }\n  }\n": types.RemoveApplicationMemberDocument,
    "\n  query MyApplications {\n    applications(first: 100) {\n      edges {\n        node {\n          id\n          name\n          description\n          clientType\n          viewerRole\n          subscriptions {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n": types.MyApplicationsDocument,
    "\n  query ApplicationDetail($id: ID!) {\n    application(id: $id) {\n      id\n      name\n      descriptionHtml\n      clientType\n      redirectUris\n      viewerRole\n      subscriptions {\n        id\n        status\n        statusReason\n        createdAt\n        statusHistory {\n          status\n          at\n          reason\n        }\n        api {\n          id\n          name\n        }\n        plan {\n          id\n          name\n          needsApproval\n        }\n        credentials {\n          id\n          kind\n          apiKey\n          clientId\n          clientSecret\n          createdAt\n          expiresAt\n        }\n      }\n    }\n  }\n": types.ApplicationDetailDocument,
    "\n  query SubscribableApis {\n    apis(first: 100) {\n      edges {\n        node {\n          id\n          name\n          subscribable\n          plans {\n            id\n            name\n            limits\n            needsApproval\n          }\n        }\n      }\n    }\n  }\n": types.SubscribableApisDocument,
    "\n  mutation CreateApplication($input: CreateApplicationInput!) {\n    createApplication(input: $input) {\n      application {\n        id\n      }\n    }\n  }\n": types.CreateApplicationDocument,
    "\n  mutation Subscribe($input: SubscribeInput!) {\n    subscribe(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n": types.SubscribeDocument,
    "\n  subscription SubscriptionStatusChanged($applicationId: ID!) {\n    subscriptionStatusChanged(applicationId: $applicationId) {\n      subscriptionId\n      event\n    }\n  }\n": types.SubscriptionStatusChangedDocument,
    "\n  query Approvals {\n    approvals(first: 100) {\n      totalCount\n      edges {\n        node {\n          requestedAt\n          waitingSeconds\n          api {\n            id\n            name\n          }\n          plan {\n            id\n            name\n          }\n          application {\n            id\n            name\n          }\n          requester {\n            id\n            displayName\n            email\n          }\n          subscription {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.ApprovalsDocument,
    "\n  mutation ApproveRequest($input: ApproveSubscriptionInput!) {\n    approveSubscription(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n": types.ApproveRequestDocument,
    "\n  mutation DeclineRequest($input: DeclineSubscriptionInput!) {\n    declineSubscription(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n": types.DeclineRequestDocument,
    "\n  subscription ApprovalQueueChanged {\n    approvalQueueChanged {\n      subscriptionId\n      change\n    }\n  }\n": types.ApprovalQueueChangedDocument,
    "\n  query AuditLog($filter: AuditLogFilterInput, $after: String) {\n    auditLog(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorId\n          actorKind\n          targetType\n          targetId\n          clientAddress\n          summary\n        }\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query Catalog($filter: ApiFilterInput) {\n    apis(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          summary\n          tags\n          deprecated\n          authMethod\n        }\n      }\n    }\n    apiTags {\n      tag\n      count\n    }\n  }\n": types.CatalogDocument,
    "\n  query ApiDetail($id: ID!) {\n    api(id: $id) {\n      id\n      name\n      summary\n      descriptionHtml\n      tags\n      deprecated\n      authMethod\n      apiKeyHeader\n      requestUrl\n      subscribable\n      limits\n      plans {\n        id\n        name\n        descriptionHtml\n        limits\n        needsApproval\n      }\n    }\n  }\n": types.ApiDetailDocument,
    "\n  query SiteMap {\n    siteMap {\n      kind\n      path\n      title\n    }\n  }\n": types.SiteMapDocument,
    "\n  query ContentPage($id: ID!) {\n    contentPage(id: $id) {\n      id\n      title\n      html\n    }\n  }\n": types.ContentPageDocument,
    "\n  query OutboundMessages($filter: OutboundMessageFilterInput, $after: String) {\n    outboundMessages(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          channel\n          status\n          recipient\n          subject\n          template\n          eventName\n          attempts\n          error\n          updatedAt\n        }\n      }\n    }\n  }\n": types.OutboundMessagesDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      displayName\n      email\n      emailVerified\n      isAdmin\n      isApprover\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        id\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    signOut {\n      signedOut\n    }\n  }\n": types.SignOutDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      email\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation VerifyEmail($input: EmailLinkInput!) {\n    verifyEmail(input: $input) {\n      email\n    }\n  }\n": types.VerifyEmailDocument,
    "\n  query SignUpRequirements {\n    signUpRequirements {\n      passwordPolicy {\n        minLength\n        maxLength\n        requireUpper\n        requireLower\n        requireDigit\n        requireSpecial\n      }\n      profileFields {\n        id\n        label\n        required\n        maxLength\n      }\n    }\n  }\n": types.SignUpRequirementsDocument,
    "\n  query ApiPlans($id: ID!) {\n    api(id: $id) {\n      id\n      plans {\n        id\n        name\n        limits\n        needsApproval\n      }\n    }\n  }\n": types.ApiPlansDocument,
    "\n  mutation RotateSubscriptionCredentials($input: RotateSubscriptionCredentialsInput!) {\n    rotateSubscriptionCredentials(input: $input) {\n      subscription {\n        id\n      }\n    }\n  }\n": types.RotateSubscriptionCredentialsDocument,
    "\n  mutation ChangeSubscriptionPlan($input: ChangeSubscriptionPlanInput!) {\n    changeSubscriptionPlan(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n": types.ChangeSubscriptionPlanDocument,
    "\n  mutation Unsubscribe($input: UnsubscribeInput!) {\n    unsubscribe(input: $input) {\n      deletedSubscriptionId\n    }\n  }\n": types.UnsubscribeDocument,
    "\n  query SystemHealth {\n    systemHealth {\n      checkedAt\n      configHash\n      database {\n        reachable\n        latencyMs\n        error\n      }\n      eventLog {\n        headSequence\n        headOccurredAt\n        headAgeSeconds\n      }\n      webhookListeners {\n        id\n        backlog\n        lagSeconds\n        failing\n        consecutiveFailures\n        deadLetters\n        lastSuccessAt\n      }\n    }\n  }\n": types.SystemHealthDocument,
    "\n  query Users($filter: UserFilter, $after: String) {\n    users(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          email\n          displayName\n          emailVerified\n          disabledAt\n          groups {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  query AdminUser($id: ID!) {\n    user(id: $id) {\n      id\n      email\n      displayName\n      emailVerified\n      createdAt\n      disabledAt\n      isAdmin\n      isApprover\n      groups {\n        id\n        name\n      }\n      profile {\n        field\n        label\n        value\n      }\n    }\n  }\n": types.AdminUserDocument,
    "\n  query Groups {\n    groups {\n      id\n      name\n      description\n      isAdmin\n      isApprover\n    }\n  }\n": types.GroupsDocument,
    "\n  mutation SetUserGroups($input: SetUserGroupsInput!) {\n    setUserGroups(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": types.SetUserGroupsDocument,
    "\n  mutation DisableUser($input: UserRefInput!) {\n    disableUser(input: $input) {\n      user {\n        id\n        disabledAt\n      }\n    }\n  }\n": types.DisableUserDocument,
    "\n  mutation EnableUser($input: UserRefInput!) {\n    enableUser(input: $input) {\n      user {\n        id\n        disabledAt\n      }\n    }\n  }\n": types.EnableUserDocument,
    "\n  query WebhookListeners {\n    webhookListeners {\n      id\n      url\n      events\n      owner {\n        kind\n        id\n      }\n      position\n      backlog\n      lagSeconds\n      failing\n      consecutiveFailures\n      deadLetterCount\n      lastDelivery {\n        at\n        statusCode\n      }\n      lastAttempt {\n        at\n        statusCode\n        error\n      }\n      lease {\n        holder\n        expiresAt\n      }\n      deliveryLatency {\n        samples\n        p50Ms\n        p99Ms\n      }\n    }\n  }\n": types.WebhookListenersDocument,
    "\n  query WebhookDeadLetters($id: ID!) {\n    webhookListener(id: $id) {\n      id\n      deadLetters(first: 100) {\n        totalCount\n        edges {\n          node {\n            sequence\n            attempts\n            reason\n            deadLetteredAt\n            redeliveryPending\n            event {\n              name\n              occurredAt\n            }\n          }\n        }\n      }\n    }\n  }\n": types.WebhookDeadLettersDocument,
    "\n  mutation RedeliverDeadLetters($input: RedeliverWebhookDeadLettersInput!) {\n    redeliverWebhookDeadLetters(input: $input) {\n      redelivering\n    }\n  }\n": types.RedeliverDeadLettersDocument,
    "\n  mutation ReplayListener($input: ReplayWebhookListenerInput!) {\n    replayWebhookListener(input: $input) {\n      backlog\n      position\n    }\n  }\n": types.ReplayListenerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccessTokens {\n    accessTokens(first: 100) {\n      edges {\n        node {\n          id\n          name\n          prefix\n          scope\n          createdAt\n          expiresAt\n          lastUsedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccessTokens {\n    accessTokens(first: 100) {\n      edges {\n        node {\n          id\n          name\n          prefix\n          scope\n          createdAt\n          expiresAt\n          lastUsedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAccessToken($input: CreateAccessTokenInput!) {\n    createAccessToken(input: $input) {\n      token\n      accessToken {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAccessToken($input: CreateAccessTokenInput!) {\n    createAccessToken(input: $input) {\n      token\n      accessToken {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeAccessToken($input: RevokeAccessTokenInput!) {\n    revokeAccessToken(input: $input) {\n      accessToken {\n        id\n        revokedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeAccessToken($input: RevokeAccessTokenInput!) {\n    revokeAccessToken(input: $input) {\n      accessToken {\n        id\n        revokedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profile {\n    viewer {\n      id\n      displayName\n      email\n      profile {\n        field\n        label\n        maxLength\n        required\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  query Profile {\n    viewer {\n      id\n      displayName\n      email\n      profile {\n        field\n        label\n        maxLength\n        required\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      viewer {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      viewer {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      endedSessions\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      endedSessions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($input: EmailAddressInput!) {\n    requestPasswordReset(input: $input) {\n      accepted\n    }\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($input: EmailAddressInput!) {\n    requestPasswordReset(input: $input) {\n      accepted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      endedSessions\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      endedSessions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestEmailChange($input: RequestEmailChangeInput!) {\n    requestEmailChange(input: $input) {\n      newEmail\n    }\n  }\n"): (typeof documents)["\n  mutation RequestEmailChange($input: RequestEmailChangeInput!) {\n    requestEmailChange(input: $input) {\n      newEmail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmEmailChange($input: EmailLinkInput!) {\n    confirmEmailChange(input: $input) {\n      email\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmEmailChange($input: EmailLinkInput!) {\n    confirmEmailChange(input: $input) {\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAccount($input: DeleteAccountInput!) {\n    deleteAccount(input: $input) {\n      deletedUserId\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteAccount($input: DeleteAccountInput!) {\n    deleteAccount(input: $input) {\n      deletedUserId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllApplications($filter: ApplicationFilter, $after: String) {\n    applications(all: true, filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          name\n          clientType\n          createdAt\n          members {\n            role\n            user {\n              id\n              displayName\n            }\n          }\n          subscriptions {\n            id\n            status\n            statusReason\n            api {\n              id\n              name\n            }\n            plan {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AllApplications($filter: ApplicationFilter, $after: String) {\n    applications(all: true, filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          name\n          clientType\n          createdAt\n          members {\n            role\n            user {\n              id\n              displayName\n            }\n          }\n          subscriptions {\n            id\n            status\n            statusReason\n            api {\n              id\n              name\n            }\n            plan {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiReference($id: ID!) {\n    api(id: $id) {\n      id\n      openApiDocument\n      openApiUrl\n    }\n  }\n"): (typeof documents)["\n  query ApiReference($id: ID!) {\n    api(id: $id) {\n      id\n      openApiDocument\n      openApiUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TryItKeys {\n    applications(first: 100) {\n      edges {\n        node {\n          id\n          name\n          subscriptions {\n            id\n            api {\n              id\n            }\n            credentials {\n              apiKey\n              expiresAt\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TryItKeys {\n    applications(first: 100) {\n      edges {\n        node {\n          id\n          name\n          subscriptions {\n            id\n            api {\n              id\n            }\n            credentials {\n              apiKey\n              expiresAt\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApplicationSettings($id: ID!) {\n    application(id: $id) {\n      id\n      name\n      description\n      clientType\n      redirectUris\n      viewerRole\n      members {\n        role\n        addedAt\n        user {\n          id\n          displayName\n          email\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApplicationSettings($id: ID!) {\n    application(id: $id) {\n      id\n      name\n      description\n      clientType\n      redirectUris\n      viewerRole\n      members {\n        role\n        addedAt\n        user {\n          id\n          displayName\n          email\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateApplication($input: UpdateApplicationInput!) {\n    updateApplication(input: $input) {\n      application {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateApplication($input: UpdateApplicationInput!) {\n    updateApplication(input: $input) {\n      application {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteApplication($input: DeleteApplicationInput!) {\n    deleteApplication(input: $input) {\n      deletedApplicationId\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteApplication($input: DeleteApplicationInput!) {\n    deleteApplication(input: $input) {\n      deletedApplicationId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddApplicationMember($input: AddApplicationMemberInput!) {\n    addApplicationMember(input: $input) {\n      member {\n        role\n        user {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddApplicationMember($input: AddApplicationMemberInput!) {\n    addApplicationMember(input: $input) {\n      member {\n        role\n        user {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeApplicationMemberRole($input: ChangeApplicationMemberRoleInput!) {\n    changeApplicationMemberRole(input: $input) {\n      member {\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeApplicationMemberRole($input: ChangeApplicationMemberRoleInput!) {\n    changeApplicationMemberRole(input: $input) {\n      member {\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveApplicationMember($input: RemoveApplicationMemberInput!) {\n    removeApplicationMember(input: $input) {\n      applicationId\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveApplicationMember($input: RemoveApplicationMemberInput!) {\n    removeApplicationMember(input: $input) {\n      applicationId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyApplications {\n    applications(first: 100) {\n      edges {\n        node {\n          id\n          name\n          description\n          clientType\n          viewerRole\n          subscriptions {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyApplications {\n    applications(first: 100) {\n      edges {\n        node {\n          id\n          name\n          description\n          clientType\n          viewerRole\n          subscriptions {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApplicationDetail($id: ID!) {\n    application(id: $id) {\n      id\n      name\n      descriptionHtml\n      clientType\n      redirectUris\n      viewerRole\n      subscriptions {\n        id\n        status\n        statusReason\n        createdAt\n        statusHistory {\n          status\n          at\n          reason\n        }\n        api {\n          id\n          name\n        }\n        plan {\n          id\n          name\n          needsApproval\n        }\n        credentials {\n          id\n          kind\n          apiKey\n          clientId\n          clientSecret\n          createdAt\n          expiresAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApplicationDetail($id: ID!) {\n    application(id: $id) {\n      id\n      name\n      descriptionHtml\n      clientType\n      redirectUris\n      viewerRole\n      subscriptions {\n        id\n        status\n        statusReason\n        createdAt\n        statusHistory {\n          status\n          at\n          reason\n        }\n        api {\n          id\n          name\n        }\n        plan {\n          id\n          name\n          needsApproval\n        }\n        credentials {\n          id\n          kind\n          apiKey\n          clientId\n          clientSecret\n          createdAt\n          expiresAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubscribableApis {\n    apis(first: 100) {\n      edges {\n        node {\n          id\n          name\n          subscribable\n          plans {\n            id\n            name\n            limits\n            needsApproval\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SubscribableApis {\n    apis(first: 100) {\n      edges {\n        node {\n          id\n          name\n          subscribable\n          plans {\n            id\n            name\n            limits\n            needsApproval\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApplication($input: CreateApplicationInput!) {\n    createApplication(input: $input) {\n      application {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApplication($input: CreateApplicationInput!) {\n    createApplication(input: $input) {\n      application {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Subscribe($input: SubscribeInput!) {\n    subscribe(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Subscribe($input: SubscribeInput!) {\n    subscribe(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SubscriptionStatusChanged($applicationId: ID!) {\n    subscriptionStatusChanged(applicationId: $applicationId) {\n      subscriptionId\n      event\n    }\n  }\n"): (typeof documents)["\n  subscription SubscriptionStatusChanged($applicationId: ID!) {\n    subscriptionStatusChanged(applicationId: $applicationId) {\n      subscriptionId\n      event\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Approvals {\n    approvals(first: 100) {\n      totalCount\n      edges {\n        node {\n          requestedAt\n          waitingSeconds\n          api {\n            id\n            name\n          }\n          plan {\n            id\n            name\n          }\n          application {\n            id\n            name\n          }\n          requester {\n            id\n            displayName\n            email\n          }\n          subscription {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Approvals {\n    approvals(first: 100) {\n      totalCount\n      edges {\n        node {\n          requestedAt\n          waitingSeconds\n          api {\n            id\n            name\n          }\n          plan {\n            id\n            name\n          }\n          application {\n            id\n            name\n          }\n          requester {\n            id\n            displayName\n            email\n          }\n          subscription {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveRequest($input: ApproveSubscriptionInput!) {\n    approveSubscription(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveRequest($input: ApproveSubscriptionInput!) {\n    approveSubscription(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineRequest($input: DeclineSubscriptionInput!) {\n    declineSubscription(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeclineRequest($input: DeclineSubscriptionInput!) {\n    declineSubscription(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApprovalQueueChanged {\n    approvalQueueChanged {\n      subscriptionId\n      change\n    }\n  }\n"): (typeof documents)["\n  subscription ApprovalQueueChanged {\n    approvalQueueChanged {\n      subscriptionId\n      change\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($filter: AuditLogFilterInput, $after: String) {\n    auditLog(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorId\n          actorKind\n          targetType\n          targetId\n          clientAddress\n          summary\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($filter: AuditLogFilterInput, $after: String) {\n    auditLog(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          at\n          action\n          actorId\n          actorKind\n          targetType\n          targetId\n          clientAddress\n          summary\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalog($filter: ApiFilterInput) {\n    apis(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          summary\n          tags\n          deprecated\n          authMethod\n        }\n      }\n    }\n    apiTags {\n      tag\n      count\n    }\n  }\n"): (typeof documents)["\n  query Catalog($filter: ApiFilterInput) {\n    apis(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          summary\n          tags\n          deprecated\n          authMethod\n        }\n      }\n    }\n    apiTags {\n      tag\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiDetail($id: ID!) {\n    api(id: $id) {\n      id\n      name\n      summary\n      descriptionHtml\n      tags\n      deprecated\n      authMethod\n      apiKeyHeader\n      requestUrl\n      subscribable\n      limits\n      plans {\n        id\n        name\n        descriptionHtml\n        limits\n        needsApproval\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiDetail($id: ID!) {\n    api(id: $id) {\n      id\n      name\n      summary\n      descriptionHtml\n      tags\n      deprecated\n      authMethod\n      apiKeyHeader\n      requestUrl\n      subscribable\n      limits\n      plans {\n        id\n        name\n        descriptionHtml\n        limits\n        needsApproval\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SiteMap {\n    siteMap {\n      kind\n      path\n      title\n    }\n  }\n"): (typeof documents)["\n  query SiteMap {\n    siteMap {\n      kind\n      path\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContentPage($id: ID!) {\n    contentPage(id: $id) {\n      id\n      title\n      html\n    }\n  }\n"): (typeof documents)["\n  query ContentPage($id: ID!) {\n    contentPage(id: $id) {\n      id\n      title\n      html\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OutboundMessages($filter: OutboundMessageFilterInput, $after: String) {\n    outboundMessages(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          channel\n          status\n          recipient\n          subject\n          template\n          eventName\n          attempts\n          error\n          updatedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OutboundMessages($filter: OutboundMessageFilterInput, $after: String) {\n    outboundMessages(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          channel\n          status\n          recipient\n          subject\n          template\n          eventName\n          attempts\n          error\n          updatedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      id\n      displayName\n      email\n      emailVerified\n      isAdmin\n      isApprover\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      id\n      displayName\n      email\n      emailVerified\n      isAdmin\n      isApprover\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      viewer {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut {\n      signedOut\n    }\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut {\n      signedOut\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      email\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($input: EmailLinkInput!) {\n    verifyEmail(input: $input) {\n      email\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($input: EmailLinkInput!) {\n    verifyEmail(input: $input) {\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignUpRequirements {\n    signUpRequirements {\n      passwordPolicy {\n        minLength\n        maxLength\n        requireUpper\n        requireLower\n        requireDigit\n        requireSpecial\n      }\n      profileFields {\n        id\n        label\n        required\n        maxLength\n      }\n    }\n  }\n"): (typeof documents)["\n  query SignUpRequirements {\n    signUpRequirements {\n      passwordPolicy {\n        minLength\n        maxLength\n        requireUpper\n        requireLower\n        requireDigit\n        requireSpecial\n      }\n      profileFields {\n        id\n        label\n        required\n        maxLength\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiPlans($id: ID!) {\n    api(id: $id) {\n      id\n      plans {\n        id\n        name\n        limits\n        needsApproval\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiPlans($id: ID!) {\n    api(id: $id) {\n      id\n      plans {\n        id\n        name\n        limits\n        needsApproval\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateSubscriptionCredentials($input: RotateSubscriptionCredentialsInput!) {\n    rotateSubscriptionCredentials(input: $input) {\n      subscription {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RotateSubscriptionCredentials($input: RotateSubscriptionCredentialsInput!) {\n    rotateSubscriptionCredentials(input: $input) {\n      subscription {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeSubscriptionPlan($input: ChangeSubscriptionPlanInput!) {\n    changeSubscriptionPlan(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeSubscriptionPlan($input: ChangeSubscriptionPlanInput!) {\n    changeSubscriptionPlan(input: $input) {\n      subscription {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unsubscribe($input: UnsubscribeInput!) {\n    unsubscribe(input: $input) {\n      deletedSubscriptionId\n    }\n  }\n"): (typeof documents)["\n  mutation Unsubscribe($input: UnsubscribeInput!) {\n    unsubscribe(input: $input) {\n      deletedSubscriptionId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SystemHealth {\n    systemHealth {\n      checkedAt\n      configHash\n      database {\n        reachable\n        latencyMs\n        error\n      }\n      eventLog {\n        headSequence\n        headOccurredAt\n        headAgeSeconds\n      }\n      webhookListeners {\n        id\n        backlog\n        lagSeconds\n        failing\n        consecutiveFailures\n        deadLetters\n        lastSuccessAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query SystemHealth {\n    systemHealth {\n      checkedAt\n      configHash\n      database {\n        reachable\n        latencyMs\n        error\n      }\n      eventLog {\n        headSequence\n        headOccurredAt\n        headAgeSeconds\n      }\n      webhookListeners {\n        id\n        backlog\n        lagSeconds\n        failing\n        consecutiveFailures\n        deadLetters\n        lastSuccessAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($filter: UserFilter, $after: String) {\n    users(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          email\n          displayName\n          emailVerified\n          disabledAt\n          groups {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Users($filter: UserFilter, $after: String) {\n    users(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          id\n          email\n          displayName\n          emailVerified\n          disabledAt\n          groups {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUser($id: ID!) {\n    user(id: $id) {\n      id\n      email\n      displayName\n      emailVerified\n      createdAt\n      disabledAt\n      isAdmin\n      isApprover\n      groups {\n        id\n        name\n      }\n      profile {\n        field\n        label\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUser($id: ID!) {\n    user(id: $id) {\n      id\n      email\n      displayName\n      emailVerified\n      createdAt\n      disabledAt\n      isAdmin\n      isApprover\n      groups {\n        id\n        name\n      }\n      profile {\n        field\n        label\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Groups {\n    groups {\n      id\n      name\n      description\n      isAdmin\n      isApprover\n    }\n  }\n"): (typeof documents)["\n  query Groups {\n    groups {\n      id\n      name\n      description\n      isAdmin\n      isApprover\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserGroups($input: SetUserGroupsInput!) {\n    setUserGroups(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserGroups($input: SetUserGroupsInput!) {\n    setUserGroups(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableUser($input: UserRefInput!) {\n    disableUser(input: $input) {\n      user {\n        id\n        disabledAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DisableUser($input: UserRefInput!) {\n    disableUser(input: $input) {\n      user {\n        id\n        disabledAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableUser($input: UserRefInput!) {\n    enableUser(input: $input) {\n      user {\n        id\n        disabledAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EnableUser($input: UserRefInput!) {\n    enableUser(input: $input) {\n      user {\n        id\n        disabledAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookListeners {\n    webhookListeners {\n      id\n      url\n      events\n      owner {\n        kind\n        id\n      }\n      position\n      backlog\n      lagSeconds\n      failing\n      consecutiveFailures\n      deadLetterCount\n      lastDelivery {\n        at\n        statusCode\n      }\n      lastAttempt {\n        at\n        statusCode\n        error\n      }\n      lease {\n        holder\n        expiresAt\n      }\n      deliveryLatency {\n        samples\n        p50Ms\n        p99Ms\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookListeners {\n    webhookListeners {\n      id\n      url\n      events\n      owner {\n        kind\n        id\n      }\n      position\n      backlog\n      lagSeconds\n      failing\n      consecutiveFailures\n      deadLetterCount\n      lastDelivery {\n        at\n        statusCode\n      }\n      lastAttempt {\n        at\n        statusCode\n        error\n      }\n      lease {\n        holder\n        expiresAt\n      }\n      deliveryLatency {\n        samples\n        p50Ms\n        p99Ms\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeadLetters($id: ID!) {\n    webhookListener(id: $id) {\n      id\n      deadLetters(first: 100) {\n        totalCount\n        edges {\n          node {\n            sequence\n            attempts\n            reason\n            deadLetteredAt\n            redeliveryPending\n            event {\n              name\n              occurredAt\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookDeadLetters($id: ID!) {\n    webhookListener(id: $id) {\n      id\n      deadLetters(first: 100) {\n        totalCount\n        edges {\n          node {\n            sequence\n            attempts\n            reason\n            deadLetteredAt\n            redeliveryPending\n            event {\n              name\n              occurredAt\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeliverDeadLetters($input: RedeliverWebhookDeadLettersInput!) {\n    redeliverWebhookDeadLetters(input: $input) {\n      redelivering\n    }\n  }\n"): (typeof documents)["\n  mutation RedeliverDeadLetters($input: RedeliverWebhookDeadLettersInput!) {\n    redeliverWebhookDeadLetters(input: $input) {\n      redelivering\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayListener($input: ReplayWebhookListenerInput!) {\n    replayWebhookListener(input: $input) {\n      backlog\n      position\n    }\n  }\n"): (typeof documents)["\n  mutation ReplayListener($input: ReplayWebhookListenerInput!) {\n    replayWebhookListener(input: $input) {\n      backlog\n      position\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;