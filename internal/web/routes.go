package web

import (
	"net/http"

	"hearth/internal/gathering"
)

// routes is the whole site map: every URL Hearth answers, and its handler.
// GET pages render; POSTs change something and redirect (POST, then GET).
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", s.staticFiles()))
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("/", s.notFound)

	// Home and first run.
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /setup", s.setupForm)
	mux.HandleFunc("POST /setup", s.setup)

	// Accounts.
	mux.HandleFunc("GET /signup", s.signupForm)
	mux.HandleFunc("POST /signup", s.signup)
	mux.HandleFunc("GET /signin", s.signinForm)
	mux.HandleFunc("POST /signin", s.signin)
	mux.HandleFunc("POST /signout", s.signout)
	mux.HandleFunc("GET /verify", s.verifyEmail)
	mux.HandleFunc("POST /verify/resend", s.resendVerification)
	mux.HandleFunc("GET /reset", s.resetRequestForm)
	mux.HandleFunc("POST /reset", s.resetRequest)
	mux.HandleFunc("GET /reset/confirm", s.resetForm)
	mux.HandleFunc("POST /reset/confirm", s.reset)
	mux.HandleFunc("GET /account", s.account)
	mux.HandleFunc("POST /account/profile", s.updateProfile)
	mux.HandleFunc("POST /account/time-zone", s.setTimeZone)
	mux.HandleFunc("POST /account/asks", s.setAsksPaused)
	mux.HandleFunc("GET /account/calendar", s.calendar)
	mux.HandleFunc("POST /account/calendar", s.newCalendarFeed)
	mux.HandleFunc("GET /account/calendar/stop", s.confirmStopCalendarFeed)
	mux.HandleFunc("POST /account/calendar/stop", s.stopCalendarFeed)
	mux.HandleFunc("GET /calendar-feed/{token}", s.calendarFeed)
	mux.HandleFunc("POST /account/expertise", s.setExpertise)
	mux.HandleFunc("POST /account/password", s.changePassword)
	mux.HandleFunc("POST /account/email", s.changeEmail)
	mux.HandleFunc("GET /account/email/confirm", s.confirmEmail)
	mux.HandleFunc("POST /account/signout-everywhere", s.signoutEverywhere)

	// Communities.
	mux.HandleFunc("GET /communities", s.directory)
	mux.HandleFunc("GET /communities/new", s.newCommunityForm)
	mux.HandleFunc("POST /communities/new", s.createCommunity)
	mux.HandleFunc("GET /c/{slug}", s.communityHome)
	mux.HandleFunc("GET /c/{slug}/charter", s.charter)
	mux.HandleFunc("GET /c/{slug}/members", s.members)
	mux.HandleFunc("GET /c/{slug}/people/suggest", s.suggestPeople)
	mux.HandleFunc("GET /c/{slug}/feed.atom", s.feed)
	mux.HandleFunc("GET /c/{slug}/activity.atom", s.activityFeed)
	mux.HandleFunc("POST /c/{slug}/watch", s.watchCommunity)
	mux.HandleFunc("GET /c/{slug}/export.zip", s.export)
	mux.HandleFunc("GET /c/{slug}/settings", s.settingsForm)
	mux.HandleFunc("POST /c/{slug}/settings", s.updateSettings)
	mux.HandleFunc("POST /c/{slug}/stage", s.setStage)
	mux.HandleFunc("GET /c/{slug}/archive", s.confirmArchive)
	mux.HandleFunc("POST /c/{slug}/archive", s.archive)
	mux.HandleFunc("POST /c/{slug}/unarchive", s.unarchive)
	mux.HandleFunc("POST /c/{slug}/join", s.join)
	mux.HandleFunc("POST /c/{slug}/leave", s.leave)
	mux.HandleFunc("POST /c/{slug}/members/invite", s.invite)
	mux.HandleFunc("GET /c/{slug}/participation", s.participation)
	mux.HandleFunc("GET /c/{slug}/health", s.health)
	mux.HandleFunc("GET /c/{slug}/health/{file}", s.healthCSV)
	mux.HandleFunc("POST /c/{slug}/invitations/{key}/resend", s.resendInvitation)
	mux.HandleFunc("GET /c/{slug}/invitations/{key}/revoke", s.confirmRevokeInvitation)
	mux.HandleFunc("POST /c/{slug}/invitations/{key}/revoke", s.revokeInvitation)
	mux.HandleFunc("POST /c/{slug}/invitation-links", s.createInviteLink)
	mux.HandleFunc("GET /c/{slug}/invitation-links/{id}/revoke", s.confirmRevokeInviteLink)
	mux.HandleFunc("POST /c/{slug}/invitation-links/{id}/revoke", s.revokeInviteLink)
	mux.HandleFunc("GET /join/{token}", s.joinLinkForm)
	mux.HandleFunc("POST /join/{token}", s.joinByLink)
	mux.HandleFunc("POST /c/{slug}/members/{handle}/approve", s.approve)
	mux.HandleFunc("POST /c/{slug}/members/{handle}/decline", s.decline)
	mux.HandleFunc("POST /c/{slug}/members/{handle}/role", s.setRole)
	mux.HandleFunc("GET /c/{slug}/members/{handle}/remove", s.confirmRemoveMember)
	mux.HandleFunc("POST /c/{slug}/members/{handle}/remove", s.removeMember)

	// The practice library.
	mux.HandleFunc("GET /c/{slug}/practice", s.library)
	mux.HandleFunc("GET /c/{slug}/practice/new", s.newEntryForm)
	mux.HandleFunc("POST /c/{slug}/practice/new", s.createEntry)
	mux.HandleFunc("POST /c/{slug}/collections", s.createCollection)
	mux.HandleFunc("POST /c/{slug}/collections/{collection}", s.collectEntry)
	mux.HandleFunc("GET /c/{slug}/practice/{entry}", s.entry)
	mux.HandleFunc("GET /c/{slug}/practice/{entry}/edit", s.editEntryForm)
	mux.HandleFunc("POST /c/{slug}/practice/{entry}/edit", s.updateEntry)
	mux.HandleFunc("GET /c/{slug}/practice/{entry}/history", s.entryHistory)
	mux.HandleFunc("GET /c/{slug}/practice/{entry}/diff", s.entryDiff)
	mux.HandleFunc("POST /c/{slug}/practice/{entry}/revert", s.revertEntry)
	mux.HandleFunc("POST /c/{slug}/practice/{entry}/maturity", s.setEntryMaturity)
	mux.HandleFunc("POST /c/{slug}/practice/{entry}/verify", s.verifyEntry)
	mux.HandleFunc("POST /c/{slug}/practice/{entry}/helpful", s.markHelpful)
	mux.HandleFunc("POST /c/{slug}/practice/{entry}/watch", s.watchEntry)
	mux.HandleFunc("POST /c/{slug}/practice/{entry}/comments", s.addComment)
	mux.HandleFunc("POST /c/{slug}/practice/{entry}/comments/open", s.setCommentsOpen)
	mux.HandleFunc("POST /c/{slug}/practice/{entry}/comments/{id}/edit", s.editComment)
	mux.HandleFunc("GET /c/{slug}/practice/{entry}/comments/{id}/delete", s.confirmDeleteComment)
	mux.HandleFunc("POST /c/{slug}/practice/{entry}/comments/{id}/delete", s.deleteComment)
	mux.HandleFunc("POST /c/{slug}/practice/{entry}/comments/{id}/hide", s.hideComment)
	mux.HandleFunc("POST /c/{slug}/settings/practice", s.updatePracticeSettings)
	mux.HandleFunc("POST /c/{slug}/settings/gatherings", s.updateGatheringSettings)

	// Conversations: discussions and questions.
	mux.HandleFunc("GET /c/{slug}/talk", s.talkList)
	mux.HandleFunc("GET /c/{slug}/talk/new", s.newThreadForm)
	mux.HandleFunc("POST /c/{slug}/talk/new", s.startThread)
	mux.HandleFunc("GET /c/{slug}/talk/{id}", s.thread)
	mux.HandleFunc("GET /c/{slug}/talk/{id}/live", s.liveThread)
	mux.HandleFunc("POST /c/{slug}/talk/{id}/posts", s.addThreadPost)
	mux.HandleFunc("POST /c/{slug}/talk/{id}/lock", s.lockThread)
	mux.HandleFunc("POST /c/{slug}/talk/{id}/pin", s.pinThread)
	mux.HandleFunc("POST /c/{slug}/talk/{id}/watch", s.watchThread)
	mux.HandleFunc("GET /c/{slug}/talk/{id}/experts", s.expertsForm)
	mux.HandleFunc("POST /c/{slug}/talk/{id}/experts", s.askExperts)
	mux.HandleFunc("GET /c/{slug}/talk/{id}/close", s.closeThreadForm)
	mux.HandleFunc("POST /c/{slug}/talk/{id}/close", s.closeThread)
	mux.HandleFunc("POST /c/{slug}/talk/{id}/reopen", s.reopenThread)
	mux.HandleFunc("GET /c/{slug}/talk/{id}/move", s.moveThreadForm)
	mux.HandleFunc("POST /c/{slug}/talk/{id}/move", s.moveThread)
	mux.HandleFunc("GET /c/{slug}/talk/{id}/posts/{post}/history", s.threadPostHistory)
	mux.HandleFunc("POST /c/{slug}/talk/{id}/posts/{post}/edit", s.editThreadPost)
	mux.HandleFunc("POST /c/{slug}/talk/{id}/posts/{post}/delete", s.deleteThreadPost)
	mux.HandleFunc("POST /c/{slug}/talk/{id}/posts/{post}/hide", s.hideThreadPost)
	mux.HandleFunc("POST /c/{slug}/talk/{id}/posts/{post}/accept", s.acceptAnswer)
	mux.HandleFunc("POST /c/{slug}/talk/{id}/posts/{post}/vote", s.voteAnswer)
	mux.HandleFunc("GET /c/{slug}/gatherings", s.gatheringList)
	mux.HandleFunc("GET /gatherings", s.myGatherings)
	mux.HandleFunc("GET /gatherings/month", s.myMonth)
	mux.HandleFunc("GET /c/{slug}/gatherings.ics", s.communityCalendar)
	mux.HandleFunc("GET /c/{slug}/gatherings/month", s.gatheringMonth)
	mux.HandleFunc("GET /c/{slug}/gatherings/new", s.newGatheringForm)
	mux.HandleFunc("POST /c/{slug}/gatherings/new", s.scheduleGathering)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}", s.gatheringPage)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/calendar.ics", s.gatheringCalendar)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/edit", s.editGatheringForm)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/edit", s.editGathering)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/cancel", s.confirmCancelGathering)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/cancel", s.cancelGathering)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/programme", s.programme)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/sessions/new", s.newSessionForm)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/sessions/new", s.addSession)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/sessions/{sid}/edit", s.editSessionForm)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/sessions/{sid}/edit", s.editSession)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/sessions/{sid}/delete", s.confirmDeleteSession)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/sessions/{sid}/delete", s.deleteSession)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/sessions/{sid}/place", s.placeInSession)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/schedule", s.mySchedule)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/schedule.ics", s.myScheduleCalendar)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/attendees", s.attendeeList)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/attendees.csv", s.exportAttendees)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/checkin", s.checkInPage)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/checkin", s.checkIn)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/o/{occ}", s.occurrencePage)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/o/{occ}/edit", s.editOccurrenceForm)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/o/{occ}/edit", s.editOccurrence)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/o/{occ}/cancel", s.confirmCancelOccurrence)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/o/{occ}/cancel", s.cancelOccurrence)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/o/{occ}/rsvp", s.answerGathering)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/o/{occ}/attendance", s.recordAttendance)
	for _, part := range []string{gathering.Agenda, gathering.Notes} {
		mux.HandleFunc("GET /c/{slug}/gatherings/{id}/o/{occ}/"+part, s.textForm(part))
		mux.HandleFunc("POST /c/{slug}/gatherings/{id}/o/{occ}/"+part, s.saveText(part))
		mux.HandleFunc("GET /c/{slug}/gatherings/{id}/o/{occ}/"+part+"/history", s.textHistory(part))
	}
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/o/{occ}/capture", s.captureForm)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/comments", s.addGatheringComment)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/comments/{cid}/edit", s.editGatheringComment)
	mux.HandleFunc("GET /c/{slug}/gatherings/{id}/comments/{cid}/delete", s.confirmDeleteGatheringComment)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/comments/{cid}/delete", s.deleteGatheringComment)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/comments/{cid}/hide", s.hideGatheringComment)
	mux.HandleFunc("POST /c/{slug}/gatherings/{id}/o/{occ}/capture", s.captureToEntry)

	// Files and images attached to practice entries.
	mux.HandleFunc("POST /c/{slug}/practice/{entry}/attachments", s.uploadAttachment)
	mux.HandleFunc("GET /c/{slug}/practice/{entry}/attachments/{id}/{filename}", s.attachmentFile)
	mux.HandleFunc("GET /c/{slug}/practice/{entry}/attachments/{id}/resized/{filename}", s.attachmentResized)
	mux.HandleFunc("POST /c/{slug}/practice/{entry}/attachments/{id}/delete", s.deleteAttachment)

	// Notifications, e-mail choices and one-click unsubscribe (no sign-in).
	mux.HandleFunc("GET /notifications", s.notifications)
	mux.HandleFunc("POST /notifications/read", s.readAllNotifications)
	mux.HandleFunc("POST /notifications/{id}/open", s.openNotification)
	mux.HandleFunc("GET /account/notifications", s.emailChoices)
	mux.HandleFunc("POST /account/notifications", s.saveEmailChoices)
	mux.HandleFunc("GET /unsubscribe", s.unsubscribeForm)
	mux.HandleFunc("POST /unsubscribe", s.unsubscribe)

	// People.
	mux.HandleFunc("GET /people", s.peopleList)
	mux.HandleFunc("GET /people/{handle}", s.profile)
	mux.HandleFunc("POST /people/{handle}/endorse", s.endorse)
	mux.HandleFunc("POST /people/{handle}/endorsements/{id}/hide", s.hideEndorsement)
	mux.HandleFunc("POST /people/{handle}/endorsements/{id}/show", s.showEndorsement)
	mux.HandleFunc("GET /experts", s.experts)

	// Help.
	mux.HandleFunc("GET /help/stages", s.helpStages)
	mux.HandleFunc("GET /help/participation", s.helpParticipation)
	mux.HandleFunc("GET /help/health", s.helpHealth)

	// Search over everything the reader may see.
	mux.HandleFunc("GET /search", s.search)

	// Administration.
	mux.HandleFunc("GET /admin", s.adminSettingsForm)
	mux.HandleFunc("POST /admin/settings", s.adminSaveSettings)
	mux.HandleFunc("GET /admin/departments", s.adminDepartments)
	mux.HandleFunc("POST /admin/departments", s.adminCreateDepartment)
	mux.HandleFunc("POST /admin/departments/{id}/rename", s.adminRenameDepartment)
	mux.HandleFunc("POST /admin/departments/{id}/delete", s.adminDeleteDepartment)
	mux.HandleFunc("GET /admin/people", s.adminPeople)
	mux.HandleFunc("POST /admin/people/invite", s.adminInvite)
	mux.HandleFunc("GET /admin/people/{handle}/disable", s.confirmDisable)
	mux.HandleFunc("POST /admin/people/{handle}/disable", s.adminDisable)
	mux.HandleFunc("POST /admin/people/{handle}/enable", s.adminEnable)
	mux.HandleFunc("GET /admin/proposals", s.adminProposals)
	mux.HandleFunc("POST /admin/proposals/{slug}/approve", s.adminApproveProposal)
	mux.HandleFunc("POST /admin/proposals/{slug}/decline", s.adminDeclineProposal)
	mux.HandleFunc("GET /admin/outbox", s.adminOutbox)
	mux.HandleFunc("GET /styleguide", s.styleguide)

	// JSON API (read-only for now; the same services and policy as the pages).
	mux.HandleFunc("GET /api/v1/communities", s.apiCommunities)
	mux.HandleFunc("GET /api/v1/communities/{slug}", s.apiCommunity)
	mux.HandleFunc("GET /api/v1/communities/{slug}/members", s.apiMembers)
	mux.HandleFunc("/api/", s.apiNotFound)

	// Outermost first: log, headers, CSRF, first-run redirect, session.
	var h http.Handler = mux
	h = s.withActor(h)
	h = s.requireSetup(h)
	h = s.crossOrigin(h)
	h = s.securityHeaders(h)
	return s.logRequests(h)
}

// staticFiles serves the embedded CSS, script and images, cacheable for a day.
func (s *Server) staticFiles() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		s.static.ServeHTTP(w, r)
	})
}

// healthz answers 200 while the database answers.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.DB.Ping(r.Context()); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unavailable\n"))
		return
	}
	w.Write([]byte("ok\n"))
}
