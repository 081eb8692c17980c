package demo

// devopsRepertoire is the practice library of DevOps and Infrastructure
// Practice, a young private community: its first incident reviews, restore
// drills and the habits it is trying to share.
var devopsRepertoire = repertoire{
	Entries: []entryData{
		{
			Slug: "blameless-post-incident-review", Kind: "practice",
			Title:   "Blameless post-incident review: our template",
			Summary: "How we run a post-incident review within five working days of an outage: who comes, the timeline first, questions that look at the system rather than the person, and actions with owners and dates.",
			Source:  "Agreed at the community's first meeting, after the LMS outage review.",
			Tags:    []string{"incident review", "blameless", "templates"},
			Authors: []string{"nikolai-petrov", "zainab-hussain"}, Maturity: "reviewed", ReviewedBy: "ben-tremblay",
			Body: `## When to use it

After any incident that affected users for more than 30 minutes, lost data, or needed someone paged out of hours. Also after near misses that could have done any of those. Security incidents follow the incident response plan first; we review them here afterwards, with sensitive details removed.

## Steps

1. **Book it within five working days**, while memories are fresh. 60 minutes, everyone who was involved, plus one person who was not (they ask the naive questions).
2. **Build the timeline first**, from chat logs, alerts and deploy history, before the meeting. In the meeting, everyone corrects and fills it in. No analysis yet.
3. **Ask about the system, not the person.** For each key moment, ask:
   - What did you know at that point? What were you looking at?
   - What made that action seem reasonable at the time?
   - What would have told you sooner?
4. **Find contributing factors, not a root cause.** Incidents have several; list them all.
5. **Agree on three actions or fewer**, each with an owner and a date. More than three never get done.
6. **Publish the review** in this library within a week, and link it from the ticket.

## Pitfalls

- "Human error" as a finding. It is where the investigation should start, not end.
- Counterfactuals: "If only Ben had checked the disk." Ask instead why the disk was not monitored.
- Letting a manager chair the review of their own team's incident.

## Examples

The LMS outage on the first day of term was our first review with this template. The action list was three items; all three were done within a month.`,
			History: []revisionData{
				{Days: 24, By: "nikolai-petrov", Note: "Template from the first meeting"},
				{Days: 10, By: "ben-tremblay", Note: "Added the questions about the system", Changed: [][2]string{{"3. **Ask about the system, not the person.**", "3. **Ask about the system, not the person.** For each key moment, ask:\n   - What did you know at that point? What were you looking at?\n   - What made that action seem reasonable at the time?\n   - What would have told you sooner?"}}},
				{Days: 4, By: "zainab-hussain", Note: "Near misses count too", Added: []string{" Also after near misses that could have done any of those."}},
			},
			Comments: []commentData{
				{By: "ben-tremblay", Days: 9, Body: "The \"one person who was not involved\" idea is great. I asked why the status page was updated 40 minutes late, and nobody had thought about it."},
				{By: "oluwaseun-adebayo", Days: 5, Body: "Could students use this for robotics cell failures? They currently write \"it broke\" in the log and move on."},
				{By: "nikolai-petrov", Days: 4, Body: "@oluwaseun-adebayo absolutely. Blameless reviews are a good habit to start young."},
			},
			Helpful: []string{"ben-tremblay", "oluwaseun-adebayo", "liam-oconnell"},
		},
		{
			Slug: "lms-outage-on-the-first-day-of-term", Kind: "story",
			Title:   "The LMS outage on the first day of term",
			Summary: "On the first Monday of term, the learning platform was down for 2 hours 40 minutes while 6,000 students tried to log in. A full disk, a silent alert and a restart that made it worse. Our first blameless review.",
			Source:  "The post-incident review meeting, written up by Nikolai.",
			Tags:    []string{"incident review", "lms", "outage"},
			Authors: []string{"nikolai-petrov"}, Maturity: "published",
			Body: `## What happened

At 8:05 on the first Monday of term, the learning platform started returning errors. By 8:20 the service desk had 150 tickets. The platform was fully back at 10:45.

The timeline, in short:

- **Over the weekend**, the database server's log partition filled up with slow-query logs, turned on months ago for a performance investigation and never turned off.
- **The disk alert existed but went to a mailing list** that nobody had read since a reorganisation.
- **At 8:05**, with the first wave of logins, the database could not write its transaction log and stopped accepting writes. Reads still worked, so the platform half-worked: pages loaded, but nobody could submit anything or even log in.
- **At 8:40** we restarted the database, which made it worse: it could not complete its recovery without disk space, and would not start.
- **At 10:15** we freed space by moving the logs, and the database recovered by 10:45.

## Why it matters

No one did anything unreasonable. The logging was turned on for good reasons; the alert was configured; the restart is the usual first step. The failure was in the gaps between them, which is exactly what blameless reviews are for.

## What we took from it

Three actions, all done:

1. Disk alerts now page the on-call person, not a mailing list (Zainab).
2. Debug logging is turned on with an expiry date in the change ticket (Nikolai).
3. The service desk has a status page template for the first hour of an outage (Ben).

We also learned how much faster the review went with a timeline prepared in advance.`,
			History: []revisionData{
				{Days: 36, By: "nikolai-petrov", Note: ""},
				{Days: 20, By: "zainab-hussain", Note: "All three actions done", Changed: [][2]string{{"Three actions:", "Three actions, all done:"}}},
			},
			Comments: []commentData{
				{By: "zainab-hussain", Days: 25, Body: "The mailing list in question had 14 members, 9 of whom had left the college."},
				{By: "ben-tremblay", Days: 15, Body: "From the service desk side: the status page template would have saved us about 300 tickets that morning."},
				{By: "liam-oconnell", Days: 12, Body: "Reading this made me check who gets the alerts for the fab lab's print server. It was me, at an e-mail address I no longer use."},
			},
			Helpful: []string{"zainab-hussain", "ben-tremblay", "liam-oconnell", "oluwaseun-adebayo"},
		},
		{
			Slug: "restore-drill-lms-database", Kind: "practice",
			Title:   "Restore drill: rebuilding the LMS database from backup",
			Summary: "A quarterly drill in which we restore last night's LMS database backup to a scratch server, check it, and time every step. The point is to find out whether we can restore before we need to.",
			Tags:    []string{"backups", "disaster recovery", "drills"},
			Authors: []string{"zainab-hussain"}, Maturity: "published", ReviewBy: -3,
			Body: `## When to use it

Once a quarter, in a quiet week, on a weekday morning so that the people who would do a real restore are the ones practising it. A backup that has never been restored is a hope, not a backup.

## Steps

1. **Announce the drill** in the team channel: no production changes, and nobody is paged for the scratch server's alerts.
2. **Provision the scratch server** from the Terraform module (about 6 minutes).
3. **Fetch last night's backup** from object storage and check its checksum (about 12 minutes for 180 GB).
4. **Restore the database** with the documented command from the runbook (about 55 minutes). Do not improvise: if the runbook is wrong, that is a finding.
5. **Point a test LMS instance at it** and check five things: log in as a test student, open a course, open a submission, check the gradebook, and compare row counts of the ten largest tables with production.
6. **Record the times** and any step that needed a workaround.
7. **Destroy the scratch server**, and fix the runbook the same day.

## Pitfalls

- Restoring to the same server that runs production backups. Use a separate network path.
- Testing only that the restore command finishes. Check the data.
- Forgetting the file store. The database without the uploaded files is half a course.

## Examples

First drill: 1 hour 58 minutes in total. Two findings: the runbook named a backup bucket that had been renamed, and the restore needed 40 GB more scratch space than documented.`,
			History: []revisionData{
				{Days: 22, By: "zainab-hussain", Note: ""},
				{Days: 18, By: "zainab-hussain", Note: "Results of the first drill", Sections: []string{"## Examples"}},
			},
			Comments: []commentData{
				{By: "nikolai-petrov", Days: 17, Body: "The file store is the big gap. We back it up, but we have never restored it. Next quarter?"},
				{By: "zainab-hussain", Days: 16, Body: "@nikolai-petrov yes. I have set the review date for the next drill; if this entry shows as overdue, the drill is overdue."},
			},
			Helpful: []string{"nikolai-petrov", "ben-tremblay"},
		},
		{
			Slug: "alert-fatigue", Kind: "lesson",
			Title:   "Alert fatigue: 212 pages in a week, 3 that mattered",
			Summary: "We counted every page the on-call person received for a week: 212, of which 3 needed action. What we deleted, what we grouped, and the rule we now use for any new alert.",
			Tags:    []string{"monitoring", "alerting", "on-call"},
			Authors: []string{"zainab-hussain"}, Maturity: "reviewed", ReviewedBy: "nikolai-petrov",
			Body: `## The situation

After the LMS outage, the on-call person had missed the one alert that mattered partly because it went to a mailing list, and partly because, in Ben's words, "on-call means your phone buzzes all night". We counted every page for one week.

## What we expected

Maybe 50 pages, most of them useful.

## What happened

212 pages in seven days. Three needed a human to act: a certificate about to expire, a failed backup job, and a disk at 90%. The rest:

| Alert | Pages | What we did |
| --- | --- | --- |
| CPU above 80% on the LMS web servers | 96 | Deleted: normal at login peaks |
| Lab server unreachable | 58 | Routed to a daytime ticket queue; students switch them off |
| Backup job slow | 31 | Deleted: only failure matters |
| Certificate expires in 30 days | 14 | One ticket, not a daily page |
| Other | 10 | Reviewed one by one |

## What we would do next time

- **The rule for any new alert:** it pages a person only if someone must act within the hour, and the alert says what to do. Everything else is a ticket or a dashboard.
- **Alert on symptoms users feel**, such as login errors and slow page loads, rather than on causes such as CPU.
- **Count pages every month**, and review the noisiest alert at each monthly meeting.

The week after the changes, on-call received 11 pages.`,
			History: []revisionData{
				{Days: 20, By: "zainab-hussain", Note: ""},
				{Days: 5, By: "zainab-hussain", Note: "Added the week after the changes", Added: []string{"\n\nThe week after the changes, on-call received 11 pages."}},
			},
			Comments: []commentData{
				{By: "ben-tremblay", Days: 14, Body: "Lab servers: students are told to shut them down after class, so it was paging every evening. Glad that is gone."},
				{By: "oluwaseun-adebayo", Days: 4, Body: "The \"alert says what to do\" rule is good. Do the alerts link to a runbook?"},
			},
			Helpful: []string{"nikolai-petrov", "ben-tremblay", "oluwaseun-adebayo"},
		},
		{
			Slug: "google-sre-book", Kind: "resource",
			Title:       "Google's Site Reliability Engineering book: the chapters worth reading first",
			Summary:     "Google's free SRE book is long and written for a very large company. These five chapters are the ones that changed how we work in a small team, and why.",
			ResourceURL: "https://sre.google/sre-book/table-of-contents/",
			Tags:        []string{"sre", "reading", "on-call"},
			Authors:     []string{"nikolai-petrov"}, Maturity: "published",
			Body: `## What it is

*Site Reliability Engineering: How Google Runs Production Systems* (O'Reilly, 2016), free to read online. It describes how Google's SRE teams run large services: error budgets, monitoring, on-call, incident response and postmortems.

## How we use it

Read these first, in this order:

1. **Chapter 6, Monitoring Distributed Systems.** The "four golden signals" (latency, traffic, errors, saturation) and the argument for alerting on symptoms. Our alert clean-up follows it.
2. **Chapter 15, Postmortem Culture: Learning from Failure.** The case for blameless reviews; our template borrows from it.
3. **Chapter 5, Eliminating Toil.** A useful word for the repetitive manual work that grows until it fills the week.
4. **Chapter 11, Being On-Call.** How much on-call load is sustainable, and why.
5. **Chapter 26, Data Integrity.** Why a backup that has not been restored does not count.

## Caveats

- Google's scale is not ours. Error budgets and service level objectives make sense for the LMS; they are overkill for a lab print server.
- Some chapters describe internal tools that do not exist outside Google. Skim those.
- The follow-up, *The Site Reliability Workbook*, is also free online and more practical for small teams.`,
			History: []revisionData{
				{Days: 33, By: "nikolai-petrov", Note: ""},
			},
			Comments: []commentData{
				{By: "liam-oconnell", Days: 30, Body: "Chapter 5 gave me the word for half my job. The fab lab has a lot of toil."},
				{By: "zainab-hussain", Days: 21, Body: "Suggest adding chapter 12, Effective Troubleshooting, for newer staff."},
			},
			Helpful: []string{"zainab-hussain", "liam-oconnell", "ben-tremblay", "oluwaseun-adebayo"},
		},
		{
			Slug: "git-and-ci-for-student-robotics", Kind: "practice",
			Title:   "Git and CI for student robotics projects",
			Summary: "How the robotics cell gets second-year students to keep their robot programs in Git, with a CI job that checks every push in a simulator before it can run on the real arm.",
			Tags:    []string{"git", "continuous integration", "robotics"},
			Authors: []string{"oluwaseun-adebayo"}, Maturity: "published",
			Body: `## When to use it

For student projects that run code on real, expensive, dangerous equipment: our robotics cell has two six-axis arms and a conveyor. A program that has never run in the simulator should never run on the arm.

## Steps

1. **One repository per team**, on the college's Git server, created from a template with the folder structure and the CI configuration already in place.
2. **Teach four commands in week 1**: clone, add, commit and push. Branches come in week 4. Students who learn all of Git at once learn none of it.
3. **The CI job runs on every push**: it checks that the programs parse, runs them in the arm simulator against the cell's layout, and fails if any move enters a keep-out zone.
4. **Only a green build can be loaded on the arm.** The loading script on the cell PC checks the commit's CI status first.
5. **Grade the history** lightly: regular commits with meaningful messages count for 10% of the project mark.

## Pitfalls

- Large files. Students commit CAD exports and videos; the template's ignore file now excludes them.
- CI runners on shared lab machines. The runner lives on a small server in the cell, maintained by Liam.
- Merge conflicts in the week before the deadline. Teach them before the final project starts, not during it.

## Examples

Since the CI check went in, there have been no collisions with the cell's fixtures. The term before, there were four.`,
			History: []revisionData{
				{Days: 7, By: "oluwaseun-adebayo", Note: ""},
				{Days: 3, By: "liam-oconnell", Note: "Where the CI runner lives", Changed: [][2]string{{"- CI runners on shared lab machines. Use a dedicated runner.", "- CI runners on shared lab machines. The runner lives on a small server in the cell, maintained by Liam."}}},
			},
			Comments: []commentData{
				{By: "nikolai-petrov", Days: 2, Body: "This is better CI practice than some production services I know. Would you show it at the next meeting?"},
			},
			Helpful: []string{"nikolai-petrov", "liam-oconnell"},
		},
		{
			Slug: "terraform-state-drift-on-lab-servers", Kind: "lesson",
			Title:   "Terraform state drift on the lab servers",
			Summary: "The lab servers were built with Terraform, then changed by hand through the console for a year. The first plan after that wanted to destroy and recreate eleven of them. How we brought code and reality back together.",
			Tags:    []string{"infrastructure as code", "terraform", "lab servers"},
			Authors: []string{"zainab-hussain"}, Maturity: "published",
			Body: `## The situation

The 24 virtual servers used by the Computer Systems Technology labs were built with Terraform two years ago. Since then, instructors and technicians had resized disks, added network rules and changed machine types through the cloud console whenever a lab needed it.

## What we expected

A handful of differences when we next ran a plan before term.

## What happened

The plan proposed to destroy and recreate 11 servers (because of changed machine types and disks) and to remove 37 firewall rules. Applying it would have wiped the students' lab work from the previous term, which instructors still needed for grading appeals.

## What we would do next time

- **Never apply a plan you have not read.** This one was caught only because it was unusually long.
- **Import, do not overwrite.** We spent two days bringing the manual changes into the code, using import blocks and refresh-only plans, until the plan showed no changes.
- **Make the console read-only** for the lab project, except for two break-glass accounts, and give instructors a request form instead. Most requests are now a one-line change in a pull request.
- **Run a scheduled plan every night** that alerts (as a ticket, not a page) when reality and code differ.

The nightly drift check has found two changes in its first two weeks, both small.`,
			History: []revisionData{
				{Days: 15, By: "zainab-hussain", Note: ""},
				{Days: 1, By: "zainab-hussain", Note: "First results of the nightly drift check", Added: []string{"\n\nThe nightly drift check has found two changes in its first two weeks, both small."}},
			},
			Comments: []commentData{
				{By: "ben-tremblay", Days: 12, Body: "The request form is working: six requests in the first week, all done the same day."},
			},
			Helpful: []string{"nikolai-petrov", "ben-tremblay"},
		},
		{
			Slug: "on-call-handover-checklist", Kind: "practice",
			Title:   "On-call handover checklist",
			Summary: "Draft: what the outgoing on-call person tells the incoming one at the Monday handover, so that nothing open is lost between weeks.",
			Tags:    []string{"on-call", "handover", "checklists"},
			Authors: []string{"ben-tremblay"}, Maturity: "draft",
			Body: `## When to use it

At the weekly on-call handover, Monday at 10:00, in the team channel or by phone. Fifteen minutes at most.

## Steps

1. Open incidents and their state, with the ticket links.
2. Anything that paged more than twice in the week, and whether it needs an alert change.
3. Changes planned for the coming week that might page (the Change Advisory Board's calendar).
4. Anything fragile: a disk filling slowly, a certificate due, a vendor ticket waiting.
5. Where the incoming person will be, and who is their backup.

## Pitfalls

- To add: what to do when the handover is missed because of a holiday.
- Should the service desk lead join? Asking the team.

## Examples

To come after the first month of using it.`,
			History: []revisionData{
				{Days: 8, By: "ben-tremblay", Note: "First draft, for comments"},
			},
		},
		{
			Slug: "ansible-baseline-role-for-lab-servers", Kind: "resource",
			Title:   "Our Ansible baseline role for lab servers",
			Summary: "The shared Ansible role that every teaching-lab Linux server starts from: users, SSH hardening, automatic security updates, time sync, logging and monitoring agents. Where it lives and how to use it.",
			Source:  "Started by Liam for the fabrication lab's servers; extended by Nikolai for every teaching lab.",
			Tags:    []string{"ansible", "configuration management", "linux"},
			Authors: []string{"liam-oconnell", "nikolai-petrov"}, Maturity: "published", ReviewBy: -2,
			Body: `## What it is

An Ansible role, in the infrastructure repository under roles/lab-baseline, applied to every Linux server in the teaching labs (the fabrication lab, the robotics cell, and the Computer Systems Technology lab servers): 41 servers today.

It sets up:

- **Accounts**: the admin group from the directory, and no shared passwords.
- **SSH**: keys only, no root login, and a login banner.
- **Updates**: unattended security updates, with reboots in the Sunday 03:00 window.
- **Time and logs**: time sync against the college's servers; logs shipped to the central log service.
- **Monitoring**: the node exporter, registered with the monitoring server.
- **Hardening**: a subset of the CIS Level 1 benchmark that does not break teaching software.

## How we use it

Add the server to the inventory in the lab's group, run the playbook in check mode, read the diff, then run it for real. A new lab server is ready in about 20 minutes instead of a day.

## Caveats

- The CIS subset is based on an older benchmark version; this entry is overdue for review against the current one.
- Some teaching software needs exceptions (the robot simulator needs a desktop session). Exceptions live in the lab's group variables, with a comment saying why.
- Students with sudo on lab servers can undo any of this. The role reapplies nightly.`,
			History: []revisionData{
				{Days: 30, By: "liam-oconnell", Note: "Role from the fab lab, written up"},
				{Days: 12, By: "nikolai-petrov", Note: "Extended to every teaching lab; added monitoring",
					Changed: [][2]string{{"applied to every Linux server in the fabrication lab: 6 servers today.", "applied to every Linux server in the teaching labs (the fabrication lab, the robotics cell, and the Computer Systems Technology lab servers): 41 servers today."}},
					Added:   []string{"\n- **Monitoring**: the node exporter, registered with the monitoring server."}},
			},
			Comments: []commentData{
				{By: "zainab-hussain", Days: 11, Body: "Nightly reapply is a good call. We should add the drift report to the same job."},
				{By: "oluwaseun-adebayo", Days: 6, Body: "The robot simulator exception works. Thanks for writing down why; I would have removed it otherwise."},
			},
			Helpful: []string{"zainab-hussain", "oluwaseun-adebayo", "ben-tremblay"},
		},
		{
			Slug: "the-robotics-cell-pc-nobody-could-rebuild", Kind: "story",
			Title:   "The robotics cell PC that nobody could rebuild",
			Summary: "When the PC that drives the robotics cell's conveyor died, nobody knew how it had been set up: the person who built it had left four years earlier. Two weeks of archaeology, and why we now write things down.",
			Tags:    []string{"documentation", "robotics", "knowledge loss"},
			Authors: []string{"liam-oconnell"}, Maturity: "published",
			Body: `## What happened

In the middle of the autumn term, the small PC that drives the robotics cell's conveyor failed to boot: a dead disk. The conveyor is controlled by a PLC, but the PC ran the software that sent it jobs from the students' programs.

Nobody knew how that PC had been set up. The technician who built it had left four years earlier. There was no documentation, no backup of the disk, and the software's licence was registered to his personal e-mail.

It took two weeks to get the cell running again. We found an old installer on a USB stick in a drawer, the vendor found the licence after three phone calls, and I reverse-engineered the serial port settings from the PLC's side. Two weeks of lab sessions were rearranged; the second-year students lost their practice time before the assessment.

## Why it matters

This is the story behind one of our key questions: "Which of our services could we rebuild from code tomorrow?" For the cell PC, the answer was none of it. Every lab has machines like this, set up by someone who knew what they were doing and wrote nothing down.

## What we took from it

- The cell PC is now built by the Ansible baseline role plus a small role for the conveyor software, and its configuration is in Git.
- Licences are registered to a team address.
- Every lab keeps a one-page "how this was built" note for each machine that is not built from code.
- Oluwaseun asked for a rebuild drill each summer, and we have booked the first one.`,
			History: []revisionData{
				{Days: 28, By: "liam-oconnell", Note: ""},
				{Days: 6, By: "oluwaseun-adebayo", Note: "Added the summer rebuild drill", Added: []string{"\n- Oluwaseun asked for a rebuild drill each summer, and we have booked the first one."}},
			},
			Comments: []commentData{
				{By: "nikolai-petrov", Days: 27, Body: "Every team has one of these machines. Thank you for writing it up; it is the best argument for infrastructure as code I could have made."},
				{By: "oluwaseun-adebayo", Days: 6, Body: "I was one of the instructors who rearranged those lab sessions. Very glad this will not happen again."},
			},
			Helpful: []string{"nikolai-petrov", "zainab-hussain", "oluwaseun-adebayo", "ben-tremblay"},
		},
	},
	Collections: []collectionData{
		{Slug: "start-here", Title: "Start here", Days: 20,
			Description: "What this young community has agreed so far: how we review incidents, the review that started it, our alerting rule and the reading behind it.",
			Entries:     []string{"blameless-post-incident-review", "lms-outage-on-the-first-day-of-term", "alert-fatigue", "google-sre-book"}},
	},
}
