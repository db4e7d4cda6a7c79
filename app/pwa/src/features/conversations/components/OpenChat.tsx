import { useQuery } from '@tanstack/react-query';
import { Navigate, useParams } from 'react-router';
import { t } from '../../../i18n/t';
import { Loaded, Page } from '../../../ui/Page';
import { circleConversationQuery, directConversationQuery, staffConversationQuery } from '../api/conversations';
import type { Conversation } from '../api/types';

// Links from other screens name a circle, an event or a man; these find the conversation and open its thread in its place.

function Opening({ query }: { query: { data: Conversation | undefined; error: unknown; isPending: boolean } }) {
  return (
    <Page title={t('chats.title')}>
      <Loaded query={query}>{(conversation) => <Navigate to={'/chats/' + conversation.id} replace />}</Loaded>
    </Page>
  );
}

/** /chats/circle/:circleId: the circle's chat. */
export function CircleChat() {
  const { circleId = '' } = useParams();
  return <Opening query={useQuery(circleConversationQuery(circleId))} />;
}

/** /chats/event/:eventId: the event's staff chat. */
export function StaffChat() {
  const { eventId = '' } = useParams();
  return <Opening query={useQuery(staffConversationQuery(eventId))} />;
}

/** /chats/with/:personId: his one-to-one with the man, started if there is none. */
export function DirectChat() {
  const { personId = '' } = useParams();
  return <Opening query={useQuery(directConversationQuery(personId))} />;
}
