import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { useAuth } from '../auth';
import { t } from '../i18n/t';
import { mayOpen } from '../menu';
import { useUnreadTotal } from '../features/conversations/api/conversations';
import { useLive } from '../features/conversations/api/live';
import { useRealtime } from '../features/conversations/realtime/hooks';
import { useUnreadNotifications } from '../features/notifications/api/notifications';
import { useKeepThisDeviceSeen } from '../features/notifications/api/push';
// The first screen of a signed-out visit is in the entry chunk: no second round trip before the form shows.
import SignIn from '../features/auth/components/SignIn';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { Page } from '../ui/Page';
import { realtimeHandlers } from './realtime';

// The routes compose the features: each screen is its own chunk, and so is the signed-in frame (the sign-in screen
// loads only what it needs). A screen that shows more than one feature is put together in ./routes.
const Shell = lazy(() => import('../ui/Shell').then((module) => ({ default: module.Shell })));
const SignUp = lazy(() => import('../features/auth/components/SignUp'));
const VerifyEmail = lazy(() => import('../features/auth/components/VerifyEmail'));
const EmailChange = lazy(() => import('../features/auth/components/EmailChange'));
const Invitation = lazy(() => import('../features/auth/components/Invitation'));
const ResetPassword = lazy(() => import('../features/auth/components/ResetPassword'));
const Home = lazy(() => import('./routes/Home'));
const MyCircle = lazy(() => import('./routes/MyCircle'));
const Circles = lazy(() => import('../features/circles/components/Circles'));
const Events = lazy(() => import('../features/events/components/Events'));
const EventPage = lazy(() => import('./routes/EventPage'));
const Registrations = lazy(() => import('../features/events/components/Registrations'));
const MyPayments = lazy(() => import('../features/payments/components/Payments').then((module) => ({ default: module.MyPayments })));
const PaymentIssues = lazy(() => import('../features/payments/components/PaymentIssues'));
const AdminPayments = lazy(() => import('../features/payments/components/Payments').then((module) => ({ default: module.AdminPayments })));
const Facilitate = lazy(() => import('../features/circles/components/Facilitate'));
const FacilitateCircle = lazy(() => import('./routes/FacilitateCircle'));
const Staff = lazy(() => import('../features/events/components/Staff'));
const StaffEvent = lazy(() => import('./routes/StaffEvent'));
const Members = lazy(() => import('../features/members/components/Members'));
const Member = lazy(() => import('../features/members/components/Member'));
const Imports = lazy(() => import('../features/imports/components/Imports'));
const Import = lazy(() => import('../features/imports/components/Import'));
const Settings = lazy(() => import('../features/settings/components/Settings'));
const Sso = lazy(() => import('../features/sso/components/SsoSettings'));
const Audit = lazy(() => import('../features/audit/components/Audit'));
const Reports = lazy(() => import('../features/reports/components/Reports'));
const Support = lazy(() => import('../features/members/components/Support'));
const Profile = lazy(() => import('../features/profile/components/Profile'));
const Chats = lazy(() => import('../features/conversations/components/Chats'));
const ChatSearch = lazy(() => import('../features/conversations/components/ChatSearch'));
const BlockedMen = lazy(() => import('../features/conversations/components/BlockedMen'));
const Thread = lazy(() => import('../features/conversations/components/Thread'));
const Announcements = lazy(() => import('../features/conversations/components/Announcements'));
const Announcement = lazy(() => import('../features/conversations/components/Announcement'));
const NewAnnouncement = lazy(() => import('../features/conversations/components/NewAnnouncement'));
const Polls = lazy(() => import('../features/polls/components/Polls'));
const NewPoll = lazy(() => import('../features/polls/components/NewPoll'));
const Poll = lazy(() => import('../features/polls/components/Poll'));
const Documents = lazy(() => import('../features/documents/components/Documents'));
const NewDocument = lazy(() => import('./routes/NewDocument'));
const DocumentScreen = lazy(() => import('../features/documents/components/Document'));
const Tickets = lazy(() => import('../features/helpdesk/components/Tickets'));
const NewTicket = lazy(() => import('../features/helpdesk/components/NewTicket'));
const Ticket = lazy(() => import('../features/helpdesk/components/Ticket'));
const BringAFriend = lazy(() => import('../features/outreach/components/BringAFriend'));
const Campaigns = lazy(() => import('../features/outreach/components/Campaigns'));
const NewCampaign = lazy(() => import('./routes/NewCampaign'));
const Campaign = lazy(() => import('../features/outreach/components/Campaign'));
const HelpdeskQueue = lazy(() => import('../features/helpdesk/components/Queue'));
const HelpdeskCategories = lazy(() => import('../features/helpdesk/components/Categories'));
const CircleChat = lazy(() => import('../features/conversations/components/OpenChat').then((module) => ({ default: module.CircleChat })));
const StaffChat = lazy(() => import('../features/conversations/components/OpenChat').then((module) => ({ default: module.StaffChat })));
const DirectChat = lazy(() => import('../features/conversations/components/OpenChat').then((module) => ({ default: module.DirectChat })));
const Notifications = lazy(() => import('../features/notifications/components/Notifications'));
const NotificationSettings = lazy(() => import('../features/notifications/components/NotificationSettings'));
const NotificationDefaults = lazy(() => import('../features/notifications/components/NotificationDefaults'));
const CrisisLinesEditor = lazy(() => import('../features/safety/components/CrisisLinesEditor'));
const ReachOut = lazy(() => import('../features/safety/components/ReachOut'));
const ReachOutDetail = lazy(() => import('../features/safety/components/ReachOutDetail'));
const SafetyMessageStatus = lazy(() => import('../features/safety/components/SafetyMessageStatus'));

function Loading() {
  return (
    <Box role="status" sx={{ display: 'flex', justifyContent: 'center', alignItems: 'center', gap: 1, p: 4 }}>
      <CircularProgress size={24} aria-hidden />
      <span>{t('app.loading')}</span>
    </Box>
  );
}

function NotFound() {
  return (
    <Page title={t('app.notFound')}>
      <Button component={Link} to="/" variant="contained">
        {t('app.back')}
      </Button>
    </Page>
  );
}

/** A screen outside the person's permissions is not shown, even by a direct link. */
function Guarded({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const location = useLocation();
  return <ErrorBoundary resetKey={location.pathname}>{mayOpen(location.pathname, me?.permissions ?? []) ? children : <NotFound />}</ErrorBoundary>;
}

/** Links mailed to people: they work whether or not the reader is signed in. */
const mailedLinks = [
  <Route key="verify" path="/verify-email/:token" element={<VerifyEmail />} />,
  <Route key="email-change" path="/email-change/:token" element={<EmailChange />} />,
  <Route key="invitation" path="/invitations/:token" element={<Invitation />} />,
  <Route key="reset" path="/reset-password/:token" element={<ResetPassword />} />,
];

function Public() {
  const location = useLocation();
  return (
    <ErrorBoundary resetKey={location.pathname}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/signin" element={<SignIn />} />
          <Route path="/signup" element={<SignUp />} />
          <Route path="/reset-password" element={<ResetPassword />} />
          {mailedLinks}
          <Route path="*" element={<ToSignIn />} />
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}

function ToSignIn() {
  const location = useLocation();
  const next = location.pathname === '/' ? '' : '?next=' + encodeURIComponent(location.pathname + location.search);
  return <Navigate to={'/signin' + next} replace />;
}

function SignedIn() {
  // The real-time socket while he is signed in (from the conversations feature; notifications take their frames from
  // it); the menu's count of unread messages; the bell's count of unread notifications, polled only while the socket is down.
  useRealtime(realtimeHandlers);
  const unread = useUnreadTotal();
  const notifications = useUnreadNotifications(useLive().badge);
  // A device that allows his notifications tells the server now and then that it is still his (unseen ones are dropped).
  useKeepThisDeviceSeen();
  return (
    <Suspense fallback={<Loading />}>
      <Shell badges={{ '/chats': unread }} notifications={notifications}>
        <Suspense fallback={<Loading />}>
          <Guarded>
            <Routes>
              <Route path="/" element={<Home />} />
              <Route path="/chats" element={<Chats />} />
              <Route path="/chats/search" element={<ChatSearch />} />
              <Route path="/chats/blocked" element={<BlockedMen />} />
              <Route path="/chats/circle/:circleId" element={<CircleChat />} />
              <Route path="/chats/event/:eventId" element={<StaffChat />} />
              <Route path="/chats/with/:personId" element={<DirectChat />} />
              <Route path="/chats/:id" element={<Thread />} />
              <Route path="/announcements" element={<Announcements />} />
              <Route path="/announcements/new" element={<NewAnnouncement />} />
              <Route path="/announcements/:id" element={<Announcement />} />
              <Route path="/polls" element={<Polls />} />
              <Route path="/polls/new" element={<NewPoll />} />
              <Route path="/polls/:id" element={<Poll />} />
              <Route path="/documents" element={<Documents />} />
              <Route path="/documents/new" element={<NewDocument />} />
              <Route path="/documents/:id" element={<DocumentScreen />} />
              <Route path="/tickets" element={<Tickets />} />
              <Route path="/tickets/new" element={<NewTicket />} />
              <Route path="/tickets/:id" element={<Ticket />} />
              <Route path="/outreach" element={<BringAFriend />} />
              <Route path="/outreach/campaigns" element={<Campaigns />} />
              <Route path="/outreach/campaigns/new" element={<NewCampaign />} />
              <Route path="/outreach/campaigns/:id" element={<Campaign />} />
              <Route path="/helpdesk" element={<HelpdeskQueue />} />
              <Route path="/helpdesk/categories" element={<HelpdeskCategories />} />
              <Route path="/circle" element={<MyCircle />} />
              <Route path="/circles" element={<Circles />} />
              <Route path="/events" element={<Events />} />
              <Route path="/events/:id" element={<EventPage />} />
              <Route path="/registrations" element={<Registrations />} />
              <Route path="/payments" element={<MyPayments />} />
              <Route path="/admin/payments" element={<AdminPayments />} />
              <Route path="/payment-issues" element={<PaymentIssues />} />
              <Route path="/facilitate" element={<Facilitate />} />
              <Route path="/facilitate/:id" element={<FacilitateCircle />} />
              <Route path="/staff" element={<Staff />} />
              <Route path="/staff/new" element={<StaffEvent />} />
              <Route path="/staff/:id" element={<StaffEvent />} />
              <Route path="/admin/members" element={<Members />} />
              <Route path="/admin/members/:id" element={<Member />} />
              <Route path="/admin/imports" element={<Imports />} />
              <Route path="/admin/imports/:id" element={<Import />} />
              <Route path="/admin/settings" element={<Settings />} />
              <Route path="/admin/settings/notifications" element={<NotificationDefaults />} />
              <Route path="/admin/settings/crisis-lines" element={<CrisisLinesEditor />} />
              <Route path="/admin/sso" element={<Sso />} />
              <Route path="/admin/audit" element={<Audit />} />
              <Route path="/reports" element={<Reports />} />
              <Route path="/support" element={<Support />} />
              <Route path="/profile" element={<Profile />} />
              <Route path="/notifications" element={<Notifications />} />
              <Route path="/settings/notifications" element={<NotificationSettings />} />
              <Route path="/reach-out" element={<ReachOut />} />
              <Route path="/reach-outs" element={<Navigate to="/reach-out" replace />} />
              <Route path="/reach-outs/:id" element={<ReachOutDetail />} />
              <Route path="/safety-messages/:id" element={<SafetyMessageStatus />} />
              {mailedLinks}
              <Route path="/signin" element={<Navigate to="/" replace />} />
              <Route path="/signup" element={<Navigate to="/" replace />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Guarded>
        </Suspense>
      </Shell>
    </Suspense>
  );
}

export function App() {
  const { state } = useAuth();
  return (
    <BrowserRouter>
      {state.status === 'booting' ? <Loading /> : state.status === 'signedIn' ? <SignedIn /> : <Public />}
    </BrowserRouter>
  );
}
