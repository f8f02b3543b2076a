"""Should-flag / should-pass tables for every criterion, run through the real rules pipeline.

The tables state the rubric in GUIDANCE.md (including its judgement calls) as short drafts written
for this file. They are deliberately worded with paraphrase and idiom rather than only the phrases
the rules were tuned on. A failing case here means a rule needs fixing, not the table.

"Flag" means verdict "fail" for pass/fail criteria and verdict "present" for make_good. For the
absence criteria (next_steps, prevention, timeline) a should-flag draft is one that lacks the thing.
"""
import pytest

from drafter.checker import CRITERION_IDS

# --------------------------------------------------------------------------------------------
# facts: blame on a person, team, vendor or the reader, a guess at fault, or an excuse fails.
# --------------------------------------------------------------------------------------------
FACTS_FLAG = [
    "Our courier lost track of your parcel, which is why it turned up a week late. A replacement is on its way by express post.",
    "Jenna in accounts forgot to apply your discount, so the invoice came out higher. A corrected invoice is attached.",
    "As the setup guide clearly explains, syncing only starts once your email is verified. If you had followed step two, none of this would have happened.",
    "The hosting company we rely on dropped the ball on Saturday night, and the shop was offline for three hours.",
    "We were completely snowed under with holiday orders, which is why your message sat unanswered for a week.",
    "The warehouse team shipped the wrong colour again. We'll swap it for you at no cost.",
    "It looks like someone on the design side probably skipped the proofread, which would explain the typo in the headline.",
    "Honestly, we've been short-staffed all month, so a few things slipped through the cracks. Your refund has now gone out.",
    "The mix-up happened because you typed your old postcode at checkout. We've rerouted the parcel.",
    "Our payment processor double-charged a batch of cards overnight; that one is on them, not us. The duplicate charges are being reversed.",
    "Marketing sent the newsletter out before legal had signed it off, so the prices in it were wrong.",
    "Unfortunately the new intern uploaded last year's price list to the website.",
    "Perhaps the translation agency misread our brief. Either way, the French labels were wrong and are being reprinted.",
    "The bank was the real culprit here: their system held your transfer for two days.",
    "With the office move and half the team off sick, the reminder emails simply never got sent.",
    "Had you checked the confirmation email, you would have spotted the wrong date straight away.",
    "Our new supplier cut corners on the stitching, which is why several bags split. Send us a photo and we'll replace yours.",
    "The outage was caused by a careless change that one of our contractors pushed on Friday.",
    "I suspect the IT department forgot to renew the certificate, hence the security warning on the site.",
    "Things were hectic after the launch and we just didn't have the bandwidth to double-check every order.",
    "Your assistant gave us the wrong delivery address, so the flowers went to your old office.",
    "Their technician didn't reattach the sensor cable, so the alarm stayed silent overnight.",
    "Because of the unusually heavy demand over the launch weekend, your order sat in the queue for four days.",
    "We were down three drivers on Monday, which is why deliveries ran late.",
    "The caterer that handled the lunch ignored the dietary notes we sent.",
    "Our partner depot in Leeds has failed to process the returns on time.",
    "The outage traced back to our network team, who changed the firewall rules without warning anyone.",
    "From what we can tell, you weren't logged in when you placed the order, so the member price didn't apply.",
    "The spreadsheet you signed off had the wrong rates in it, so the quote came out low.",
    "It's likely something on your end, such as an old browser, stopped the page from loading.",
    "Half our support staff were on parental leave that week, so replies took longer than usual.",
    'Your cake arrived squashed because the delivery firm stacked crates on top of it. A new one is being baked for tomorrow.',
    'Your refund was held up because the claims office flagged your account by mistake. The hold is gone and the money is on its way.',
    "Uploads are slow this morning. Our storage vendor is having problems again, and we're waiting to hear back from them.",
    'The banners went up with the old slogan. Honestly, their quality control is a joke. New banners go up on Monday.',
    'Your quote came a week late. A hiring freeze and three open roles in the estimating team held us up. The quote is attached.',
    'The ticket site crashed at launch; demand was far beyond anything we could have predicted. Extra servers are now in place.',
    'Sorry your lesson was dropped from the calendar. This month has been total chaos, and the rota slipped. A new slot is booked for Friday.',
    "The order shipped to your old office because your form came in with the previous address. We've re-sent it to the new one.",
    'The reminder went to your former email since we never received your updated details. Your account now has the new address.',
    "Friday's report double-counted returns. Our bookkeeper, Anders, pulled the wrong month when he rebuilt the totals. A corrected report is attached.",
]

FACTS_PASS = [
    "The links in Tuesday's newsletter pointed to an old page. They now go to the right one.",
    "Your March invoice listed twelve hours instead of ten. A corrected copy is attached.",
    "This was nobody's fault, but the booking system showed the wrong start time for Saturday's class. The class starts at 10am.",
    "We sent you the wrong size. A replacement in medium is on its way.",
    "Between 2pm and 4pm UTC yesterday, card payments on the site failed. Everything is working again.",
    "The discount code in our last email expired a day early. It now works until Sunday.",
    "Hi Sam, the report I sent on Monday had last quarter's figures in the summary table. The corrected version is attached.",
    "Sorry to hear the package arrived damaged. We'll send a new one today.",
    "A formatting error meant some balances were displayed in the wrong currency. The balances themselves were never affected.",
    "We charged your card twice for the same order. The second charge has been refunded.",
    "The map in the welcome pack showed the old entrance. The venue entrance is on Carver Street.",
    "Our app logged people out overnight after an update. Signing back in fixes it.",
    "The wrong attachment went out with this morning's update: it was the draft agenda, not the final one.",
    "We made a mistake in your quote: the delivery fee was counted twice.",
    "The webinar link we shared didn't work for the first ten minutes. The recording is now online.",
    "Our shipping email said your order had left the warehouse, but it hadn't yet. It ships tomorrow morning.",
    "No one is to blame here; the payroll file simply carried the wrong date. Payments will land on Friday as normal.",
    "We mislabelled two batches of almond butter as peanut-free. Please don't eat them; we'll refund you in full.",
    "Yesterday's reminder text went out twice to everyone on the list. Please ignore the second one.",
    "The prices on the product page left out VAT. We've updated the page.",
    "The spam filter didn't catch the duplicate, so the reminder went out twice. We've removed the copy.",
    "We moved your records to a new system overnight, and some entries were duplicated. They have been removed.",
    "For the missing orders, there's nothing to do on your side: we'll resend them tonight.",
    "I'm sorry for the hours your staff lost re-entering the data. The import now works.",
    "Between 9 and 10am the error rate on checkout rose sharply; at 10:05 an engineer restarted the service and payments recovered.",
    "We know this has been a difficult week for you, and we're sorry the refund took so long.",
    'We dropped the ball on your renewal notice and sent it a month late. Your old rate holds until the new term starts.',
    "The transfer leaves tomorrow instead of today. If that means a late charge on their side, send us the bill and we'll cover it.",
    'A colleague in our own design group noticed the outdated logo on the proofs, and the printed letters were pulled before posting.',
    "A payment screen that freezes usually means the card network didn't answer in time; that is our system's weakness, and we've refunded the second charge.",
    "Alerts were late this morning, caused by a routing rule we had misconfigured. It's fixed and alerts are arriving normally.",
    'We split the delivery into two vans because the warehouse team wanted to clear the loading bay early. Both parts arrive on Thursday.',
    "Checkout was down for twenty minutes. Our responder first suspected the payment gateway because the error looked like a card failure, then traced it to our own certificate. It's renewed now.",
    'Your parcel will arrive on Tuesday as planned; we chose a later van because the courier asked us to combine two pickups.',
    "Harbour Ferries: the 8:40 sailing today left from berth 3, not berth 1; we posted the wrong berth. Today's tickets are valid on any sailing.",
    'Stock counts for the Riverside store were entered under Hillcrest, so Hillcrest looked overstocked. The figures have been moved across.',
]

# --------------------------------------------------------------------------------------------
# names: a person tied to the error fails, including the writer singling themself out in a team
# or public message. Greeting/sign-off names, contacts, the addressed reader and look-alike
# proper nouns (products, places) pass.
# --------------------------------------------------------------------------------------------
NAMES_FLAG = [
    "Priya sent the wrong file to the printers, so the brochures show last year's prices.",
    "The customer database was wiped by Tom during Sunday's migration.",
    "Hi everyone,\nI personally messed this up: I scheduled the post for the wrong day. It's fixed now.",
    "Dear customers,\nThe mistake in yesterday's email was mine alone. I typed the wrong date; the event is on the 14th.",
    "Unfortunately Carlos forgot to lock the storeroom, and two boxes of stock went missing.",
    "The pricing error came from a spreadsheet Megan changed without telling anyone.",
    "Team,\nThis one's on me. I approved the release without running the tests, and that's why checkout broke.",
    "Our developer, Ahmed, pushed an untested change on Friday that took the booking page down.",
    "The invoices went out late because Diane was on leave and left them unfinished.",
    "After Rob mixed up the two mailing lists, some of you got a message meant for our suppliers.",
    "Hello all,\nI want to be clear that I alone am responsible for the wrong figures in the quarterly update.",
    "The typo in the headline slipped past Hannah during the final proofread.",
    "Jake accidentally cancelled a batch of orders while clearing out test data.",
    "Folks,\nLast night's outage was my doing. I let the domain renewal lapse.",
    "A misconfigured filter, set up by Lena last week, sent some of your emails to spam.",
    "The wrong dates on the invitation were Oliver's mistake, and we've asked him to be more careful.",
    "It was Sofia who approved the discount that should never have gone live.",
    "To all our subscribers: I personally failed to check the links before pressing send, and I'm sorry.",
    "Kevin's typo in the config file is what caused yesterday's downtime.",
    "Mr Patel entered the wrong shipping rates, which is why some of you were overcharged.",
]
NAMES_FLAG += [
    "Hi team,\nQuick one from me, Farah: I uploaded the wrong logo to the event page this morning. The right one is up now.",
    "Morning all, Kenji here. I forgot to send the rota out last night, so here it is now.",
    "Apologies everyone, it's Bea. I booked the minibus for the wrong Saturday; it's rebooked for the 12th.",
    "Our installer, Dominic, arrived without the brackets. He should have checked the job sheet before leaving.",
    "The mix-up happened because Ines picked the older template from the shared drive.",
    "Who switched off the freezer overnight? It was Callum, and we've lost the ice-cream stock.",
    "Sorry all, I'm Petra and I ran the payroll export myself, which is why the dates were off.",
    "Monday's forecast overstated revenue. Our analyst, Priyanka, copied the wrong column when she refreshed the sheet.",
    'Logins failed for an hour after a release by one of our developers, Tobias, skipped the database step.',
    'The electrician we booked, Gareth from Spark Bros, left the fuse box open, which tripped the alarm overnight.',
    'The missing pages were down to Imogen on our print desk, who sent the file before the final edits.',
    'Some delivery notes went into the wrong crates. Daniel on our late shift was packing two routes at once, and mistakes crept in.',
    'heads up: dmitri posted the wrong rota in the channel this morning. deleted it and reposted the right one.',
    'Several invoices were filed under the wrong client this week. The billing terminal was left signed in under one account by Svetlana during the handover, and later entries went to it.',
    "Hi everyone, the venue in yesterday's reminder was wrong, and that slip is mine alone. It's the Oak Room, not the Elm Room.",
    'Team, the shared calendar showed the old deadline, and honestly it was my miss. I should have checked it before sending.',
    "all, quick correction: the rota I posted had the wrong week. I just didn't double check it before sharing. fixed now.",
]

NAMES_PASS = [
    "Hi Maria,\n\nThe invoice we sent you on Monday had the wrong total. A corrected one is attached.\n\nBest,\nDaniel",
    "We sent the wrong file to the printers. If you'd like a reprint, reply to Grace and she'll arrange it.",
    "Customers on the Jasper plan were billed twice this month. We've refunded the second charge.",
    "The Madison office showed the wrong opening hours on our website. It opens at 8am, not 9am.",
    "Dear Mr Okafor,\nWe booked your appointment for the wrong day. It is now confirmed for Tuesday at 3pm.",
    "Our Franklin desk lamp was listed at the wrong price. Orders placed at that price will be honoured.",
    "The Lincoln Street store will close on Saturday, not Sunday as we announced. Sorry for the mix-up.",
    "We posted the wrong collection times last week. For help with your refund, contact Aisha Khan on 020 7946 0123.",
    "We mailed your renewal letter to an old address. A new one went out today.\n\nThanks,\nRuth",
    "Hi Jordan, you're right that the delivery was late: we gave the courier the wrong date. Your order arrives tomorrow.",
    "The Harper collection went on sale a day early by mistake. Any orders placed will be honoured.",
    "Sorry, Emma, we got your order wrong. Your replacement ships today.",
    "The Wellington branch sent letters with the wrong account numbers. Corrected letters go out this week.",
    "We applied the wrong tariff to your bill. If anything still looks off, Leo on our support team can walk you through it.",
    "Our Georgia warehouse shipped some orders without packing slips. Slips for those orders are being emailed today.",
    "The Ada Lovelace room was double-booked for Thursday's workshop, so we've moved it to the Turing room.",
    "Tuesday's newsletter went out with broken links. Any questions, drop a line to Chen at support@example.com.",
    "Hello Ms Rivera,\nWe charged your card for a delivery you had cancelled. The money is back in your account.\nKind regards,\nTom Baker, Customer Care",
    "The Austin plan page listed the wrong storage limit. It's 50 GB, as before.",
    "Hi Laura,\nWe deleted the wrong folder on Monday. It has been restored from a backup.\nBest,\nNina",
]
NAMES_PASS += [
    "Route change: the pick-up point is now 12 Harbour Lane, not the old depot. Sorry for the confusion.",
    "Site crews downloaded Revision B of the plan instead of Revision C. All sheets in the portal are now current.",
    "The client contact list in our newsletter tool was out of date, so some updates bounced. Sophie has refreshed it and will resend them.",
    "Thanks to Amira for spotting the wrong total so quickly. A corrected invoice is attached.",
    "We sent the wrong box. Jonas will call you tomorrow to arrange the swap.",
    "Harbour Ferries: the 8:40 sailing today left from berth 3, not berth 1; we posted the wrong berth. Today's tickets are valid on any sailing.",
    'Stock counts for the Riverside store were entered under Hillcrest, so Hillcrest looked overstocked. The figures have been moved across.',
    'Delayed - Billing statements held\nBilling statements are running a day late because of a fault on our side. The billing team expects them out tomorrow.',
    'The figure in the newsletter was wrong; the records kept by Human Resources show twenty years, not fifteen. The online copy is corrected.',
    'Some forms may have been scanned into the wrong files at the Lakeview clinic. The originals, which Lakeview has kept, are being rechecked.',
    'The CV attached for our second candidate, Oren Vale, was an older version; the current one is attached here.',
    'Hi Sam,\nWhen you called, Jolene, the adviser you spoke to, checked your warranty and confirmed it is valid. A repair is booked for Monday.\nBest,\nKit',
]

# (draft, name): some names finding must cover the first occurrence of the blamed name.
NAMES_BLAMED_SPANS = [
    ("Priya sent the wrong file to the printers, so the brochures show last year's prices.", "Priya"),
    ("The customer database was wiped by Tom during Sunday's migration.", "Tom"),
    ("Unfortunately Carlos forgot to lock the storeroom, and two boxes of stock went missing.", "Carlos"),
    ("The pricing error came from a spreadsheet Megan changed without telling anyone.", "Megan"),
    ("Our developer, Ahmed, pushed an untested change on Friday that took the booking page down.", "Ahmed"),
    ("The invoices went out late because Diane was on leave and left them unfinished.", "Diane"),
    ("After Rob mixed up the two mailing lists, some of you got a message meant for our suppliers.", "Rob"),
    ("The typo in the headline slipped past Hannah during the final proofread.", "Hannah"),
    ("Jake accidentally cancelled a batch of orders while clearing out test data.", "Jake"),
    ("A misconfigured filter, set up by Lena last week, sent some of your emails to spam.", "Lena"),
    ("The wrong dates on the invitation were Oliver's mistake, and we've asked him to be more careful.", "Oliver"),
    ("It was Sofia who approved the discount that should never have gone live.", "Sofia"),
    ("Kevin's typo in the config file is what caused yesterday's downtime.", "Kevin"),
    ("Mr Patel entered the wrong shipping rates, which is why some of you were overcharged.", "Patel"),
    ("Dear team,\nMarcus deleted the shared folder on Friday by mistake. It has been restored.", "Marcus"),
    ("Hi Anna,\nThe wrong price went live because Ben skipped the review step.\nBest,\nClaire", "Ben"),
    ("Thanks for flagging this. The duplicate emails were sent by Fatima when the campaign was restarted.", "Fatima"),
    (NAMES_FLAG[20], "Farah"),
    (NAMES_FLAG[21], "Kenji"),
    (NAMES_FLAG[22], "Bea"),
    (NAMES_FLAG[23], "Dominic"),
    (NAMES_FLAG[24], "Ines"),
    (NAMES_FLAG[25], "Callum"),
    (NAMES_FLAG[26], "Petra"),
    # A name coordinated with a culprit shares what the culprit did.
    ("The data team (Ana and Luis) sent the price file on Monday, which was already two days late.", "Luis"),
    ("Our two night porters, Ana and Luis, forgot to lock the side door.", "Luis"),
    ("The wrong rota was posted by our coordinators, Ana and Luis, on Sunday.", "Luis"),
]

# (draft, name): no names finding may overlap the first occurrence of the harmless name.
NAMES_HARMLESS_SPANS = [
    (NAMES_PASS[0], "Maria"),
    (NAMES_PASS[0], "Daniel"),
    (NAMES_PASS[1], "Grace"),
    (NAMES_PASS[2], "Jasper"),
    (NAMES_PASS[3], "Madison"),
    (NAMES_PASS[4], "Okafor"),
    (NAMES_PASS[5], "Franklin"),
    (NAMES_PASS[7], "Aisha Khan"),
    (NAMES_PASS[8], "Ruth"),
    (NAMES_PASS[9], "Jordan"),
    (NAMES_PASS[10], "Harper"),
    (NAMES_PASS[11], "Emma"),
    (NAMES_PASS[13], "Leo"),
    (NAMES_PASS[14], "Georgia"),
    (NAMES_PASS[16], "Chen"),
    (NAMES_PASS[17], "Rivera"),
    (NAMES_PASS[17], "Tom Baker"),
    ("Hi Laura,\nSteve deleted the wrong folder on Monday. It has been restored.\nBest,\nNina", "Laura"),
    ("Hi Laura,\nSteve deleted the wrong folder on Monday. It has been restored.\nBest,\nNina", "Nina"),
    ("Gareth sent the wrong invoice. For a corrected copy, please contact Yusuf in billing.", "Yusuf"),
    (NAMES_PASS[20], "Harbour Lane"),
    (NAMES_PASS[21], "Revision B"),
    (NAMES_PASS[22], "Sophie"),
    (NAMES_PASS[23], "Amira"),
    (NAMES_PASS[24], "Jonas"),
    # Coordinated names that did nothing wrong stay unflagged.
    ("Sorry, the booking system double-sold the 7pm slot. Ana and Luis from our events team will call you "
     "tomorrow to rebook.", "Luis"),
    ("Sorry, the booking system double-sold the 7pm slot. Ana and Luis from our events team will call you "
     "tomorrow to rebook.", "Ana"),
]

# --------------------------------------------------------------------------------------------
# correction: repeated apologies, grovelling, feeling words, or an apology with no fix fail.
# --------------------------------------------------------------------------------------------
CORRECTION_FLAG = [
    "I'm so sorry. I really am so, so sorry about the mix-up with your order. Please forgive us.",
    "I feel absolutely terrible about the wrong invoice. I can't believe we did this to you.",
    "We apologise for the error in yesterday's email. We sincerely apologise, and we apologise again for any confusion.",
    "Honestly, I'm mortified. Sending you the wrong contract was such a stupid thing to do.",
    "Sorry, sorry, sorry! We got the delivery date wrong.",
    "We're deeply embarrassed by what happened at Saturday's event and we beg your forgiveness.",
    "Our apologies for the billing mistake last month.",
    "Please accept our sincere apologies for the wrong time in the invitation.",
    "I can't stop kicking myself over this. What an idiot I was to miss the deadline on your filing.",
    "I'm really sorry about the delay. Really, truly sorry. I hate that we let you down.",
    "We are so very sorry. There is no excuse for this, and we are ashamed that it happened.",
    "Words can't express how sorry I am for the confusion over your booking.",
    "I owe you a huge apology. I've been beating myself up all morning about the wrong figures I sent.",
    "We messed up, and we're gutted. We hope you can find it in your heart to forgive us.",
    "Apologies for the slow reply. And apologies too for the broken link in my last message; sorry again.",
    "I'm heartbroken that your wedding cake arrived damaged. I feel awful, truly awful.",
    "We're sorry the webinar started late. We know how frustrating that is, and we're sorry.",
    "Forgive me, I've made a complete fool of myself with these numbers. I'm so sorry, I really am.",
    "I apologise unreservedly. I am utterly ashamed of the error in the report.",
    "We cannot apologise enough for the trouble our mistake has caused you.",
]

CORRECTION_PASS = [
    "Sorry, the link in this morning's email was broken. Here's the working one: example.com/spring.",
    "We sent you an invoice with the wrong total. The corrected invoice is attached, and nothing else has changed.",
    "Sorry to hear your parcel arrived damaged. We've sent a replacement today and you don't need to return the original.",
    "Apologies for the mix-up with your booking. It's now moved to Thursday at 2pm, as you asked.",
    "Our app showed the wrong balance for some accounts overnight. We fixed the display this morning; your money was never affected.",
    "We got your name wrong on the certificate. A reprinted copy goes in the post today.",
    "I'm sorry we missed your call yesterday. I've booked a slot for Friday at 10am and will ring you then.",
    "Sorry to hear the setup took so long. I've added a step-by-step guide to your account and switched on priority support.",
    "Quick correction: the workshop is on the 12th, not the 21st. Everything else in the invitation stands.",
    "We charged you twice for order 4471. The duplicate payment was refunded this morning.",
    "My apologies: the spreadsheet I shared had last year's figures. The updated version is in the same folder.",
    "The store locator sent people to our old Elm Road shop. We've updated the address; the new shop is two doors down.",
    "Sorry about that, the discount didn't apply at checkout. I've refunded the difference to your card.",
    "We shipped the blue jacket instead of the green one. The green one is on its way, and a return label is in the box.",
    "Thanks for pointing this out. The recipe card listed 200g of sugar instead of 100g; the online version is corrected.",
    "We apologise for yesterday's outage. Service was restored at 6pm and we've added a standby server.",
    "Sorry to hear the event clashed with your holiday. The recording is now available in your account.",
    "Our reminder went out with the wrong date. The meeting is still on Wednesday, and the calendar invite has been updated.",
    "Sorry, my mistake: the call is at 3pm UK time, not 3pm Eastern. I've resent the invite.",
    "The April statement counted one payment twice. We've reissued it and the balance is now correct.",
]

# --------------------------------------------------------------------------------------------
# next_steps (absence): flag when the draft gives the reader no action, offer, option, invitation
# or specific thing that will happen for them. "We're looking into it" does not count.
# --------------------------------------------------------------------------------------------
NEXT_STEPS_FLAG = [
    "We're sorry. The newsletter we sent on Tuesday had the wrong sale dates in it.",
    "Apologies for the confusion about our opening hours. The website was showing last year's times.",
    "Yesterday's app update made some people's saved lists disappear. We're looking into it.",
    "Our May invoice listed the wrong VAT rate. We regret the error.",
    "I'm sorry the delivery was late. The courier had an old address on file.",
    "Some of the photos in our catalogue showed the wrong colours. That was our mistake.",
    "The payments page was down for around two hours this afternoon. We're working on it.",
    "We sent you someone else's order confirmation by mistake. We apologise for this.",
    "A pricing error on our site listed the oak table at half its real price. We're sorry for the confusion.",
    "Our system sent payment reminders to customers who had already paid. Sorry about that.",
    "The time on the invitation was wrong. We regret the confusion it caused.",
    "The tracking links in yesterday's shipping emails didn't work. The team is investigating what went wrong.",
    "I got the figures in last week's report wrong. The totals in section two were counted twice.",
    "Our chat service went offline this morning, so messages sent between 9 and 11 were never received.",
    "We mixed up two customers' orders last week, and yours was one of them. We're very sorry.",
    "The discount code printed on your receipt belonged to a promotion that had already ended. That was our error.",
    "Thank you for telling us about the billing issue. We're sorry it happened, and we understand how frustrating it was.",
    "The mobile site has been slow since Monday because of a configuration problem on our side. We're still digging into the cause.",
    "Last Friday's payroll ran a day late. The bank file was submitted after the cut-off.",
    "We listed the wrong speaker for Thursday's session in the programme.",
    "Let me explain what went wrong with Friday's invoice run. The export picked up last year's rates.",
    "The delivery slots on the website were wrong all weekend. We'll share more once we have a clearer picture.",
    "Your parcel has gone missing between depots. I'll chase it with the warehouse.",
    'The newsletter went to the wrong list, and there was nothing we could do to pull it back once it had been queued.',
    'Some members may be seeing an old balance in the app. We regret the error.',
    'The conditioner we recommend was listed at the wrong price in our spring flyer.',
    'Heads up, everyone: the parking permits we emailed listed the wrong level. It is level 2.',
    'Update 9:15am GMT: The booking outage is resolved. A bad setting was pushed to the server at 8:30.',
    "The staff newsletter went out with last quarter's figures. We are investigating and will post an update at 4pm.",
    'The form will be fixed after the patch, and new forms now get a review before they go live.',
    'When the client called at noon, we checked the feed and found the error. The feed had stalled overnight.',
    "The seating plan was wrong. I'm asking the venue whether your booking can be moved.",
    "I'm telling you this because our plans matter to you. The launch slipped because the supplier was late.",
]

NEXT_STEPS_PASS = [
    "We sent the wrong sale dates on Tuesday. Reply to this email and we'll apply the discount to your order anyway.",
    "Your invoice showed the wrong VAT rate. We can reissue it today or credit the difference on next month's bill; just tell me which you'd prefer.",
    "Sorry for the late delivery. How can I help put this right?",
    "The tracking links in yesterday's emails were broken. You can follow your order at any time from the Orders page in your account.",
    "We mixed up your order with another customer's. A courier will collect the wrong parcel on Thursday and drop off yours at the same time.",
    "The app update removed some saved lists. If yours is missing, go to Settings and tap Restore to bring it back.",
    "We got the figures in last week's report wrong. I'll send a corrected version tomorrow and walk you through the changes on Friday's call.",
    "The opening hours on our site were out of date. Let us know what time suits you and we'll rebook your appointment.",
    "Some catalogue photos showed the wrong colours. If the shade you received isn't what you expected, send it back with the enclosed label for a full refund.",
    "We charged you twice. Tell us which card you'd like the refund on and it will be there within three days.",
    "Sorry about the wrong speaker in the programme. If you'd rather switch to a different session, just reply with your choice.",
    "Our chat went offline this morning. If you messaged us then, please send it again or call 0800 123 456 and we'll pick it up straight away.",
    "Payroll ran a day late. If this led to any bank charges, forward them to us and we'll reimburse them.",
    "Sorry for the confusion over the date. Is there anything I can do to make rescheduling easier for you?",
    "The wrong attachment went out earlier; the right one is attached here. Feel free to ring me if anything is unclear.",
    "Your booking was cancelled by mistake. We've reinstated it, and a fresh confirmation will reach your inbox this afternoon.",
    "The discount code had expired. Use SPRING15 at checkout instead and it will take 15% off.",
    "We sent you someone else's confirmation. Please delete it; your own confirmation will follow within the hour.",
    "Apologies for the mix-up. What would suit you best: a replacement, store credit or your money back?",
    "Thanks for bearing with us during the outage. Drop us a line whenever you'd like us to look over your account settings.",
    'The booking page showed the wrong class times. Any questions, just message the front desk.',
    'We took the membership fee twice this month. If the second charge is still showing next week, forward us your statement.',
    'Ignore the first reminder we sent; the second one has the right date.',
    'The parking fee shown at the gate was too high. Anyone who paid the higher fee can claim the difference at reception.',
    "We ground your lenses to last year's prescription. Your replacement lenses will be fitted on Tuesday at 2pm.",
    "We transferred £50 less than your invoice. We'll send the missing £50 to your account as soon as the bank reopens.",
    "Your room wasn't ready when you arrived, and we're sorry. Breakfast is on us for the rest of your stay.",
    'The engraving on your watch was misspelt. We will of course redo it at our cost.',
    'Your statement total is wrong this month. If it still looks off, tap Billing > Help in the app.',
    'The survey link was broken this morning; it works now, and everyone who already tried gets a fresh link by email.',
    'We mislabelled the race categories. Everyone who entered before noon is registered and keeps their place.',
    'Sorry for the mix-up over the deadline. You now have until Friday 5pm to submit.',
    "We overcharged you for the July service. We're taking the extra £40 off your next invoice.",
    "PLEASE don't reprint the old labels; the template is being fixed.",
    'Our catalogue showed the wrong colour. Returns of that jacket will be accepted for 60 days.',
    'The stock list had old codes. If a buyer asks, the March list is the current one.',
    'Clinic hours were wrong in the text we sent. If a patient rings about Sunday, offer Saturday morning instead.',
    'The bin schedule we posted had the wrong days; please have bins out by 6am on Wednesday.',
    'The uploads that failed this morning can be resubmitted from the dashboard.',
]

# --------------------------------------------------------------------------------------------
# ownership: minimising, hedging, deflecting or blaming others fails; a plain "we did X" passes.
# --------------------------------------------------------------------------------------------
OWNERSHIP_FLAG = [
    "An error may have occurred with some recent orders. We're looking into it.",
    "Mistakes happen. The wrong price was shown for a few hours on Monday.",
    "If anyone was confused by yesterday's email, please disregard the dates in it.",
    "Some users may have experienced slow loading times this morning.",
    "We sent the update to the wrong list. We apologise for any inconvenience this may have caused.",
    "A brief glitch meant that a number of customers were charged twice.",
    "Our courier lost your parcel, so it arrived late. We've sent a replacement.",
    "These things happen from time to time. Your order will now arrive on Friday.",
    "It's possible that certain invoices were issued with an incorrect total.",
    "To anyone who might have been affected by the delay, we're sorry if it caused any trouble.",
    "Jenna forgot to apply your discount. We're sorry about that and we have corrected the invoice.",
    "The newsletter you received might have contained a few out-of-date links.",
    "Apparently there was a slight hiccup with the booking system over the weekend.",
    "Certain customers could have noticed the wrong currency showing at checkout.",
    "Nobody's perfect. The event time in our invite was off by an hour.",
    "Our payment provider let us down yesterday, which is why your payment failed.",
    "We're sorry if you felt the tone of our last message was unhelpful.",
    "Errors were made in the processing of some refunds.",
    "There seems to have been a small mix-up with a handful of deliveries, as sometimes happens in busy periods.",
    "It's just one of those things: the reminder emails went out a day late.",
]

OWNERSHIP_PASS = [
    "We sent the wrong invoice. The correct one is attached.",
    "We made a mistake with your booking and put you down for the wrong day. It's now fixed.",
    "We charged some customers twice on Monday. Everyone affected has been refunded.",
    "We got this wrong: the newsletter gave the sale's end date as the 5th when it is the 15th.",
    "Our site showed prices without VAT for two hours yesterday. That was our error, and the prices are correct now.",
    "We shipped your order to your old address. That's on us, and a new parcel goes out today.",
    "Our team mislabelled several jars of honey. We're sorry, and we're replacing every jar.",
    "We let your renewal lapse by mistake. We've renewed it at no cost and your service was never interrupted.",
    "We didn't answer your emails for a week, and that isn't good enough. I've replied to each of your points below.",
    "This was our mistake: we put the wrong figures in last week's report. A corrected report is attached.",
    "We took the booking page down for three hours with a faulty update on Friday. It's back and working.",
    "We published the wrong date for the AGM. It is on the 9th of June.",
    "We should have told you about the price change before it took effect, and we didn't.",
    "We failed to send the reminder emails on time. They went out this morning instead.",
    "Our mistake: we gave you the code for the wrong store. Use WINTER10 instead.",
    "We mixed up the sizes on your order. A replacement is on its way.",
    "We sent this morning's update to the wrong mailing list. Please disregard it.",
    "We own this one: our update last night logged everyone out. You can sign back in now.",
    "We missed the delivery slot we promised you. Your groceries will arrive tomorrow between 8 and 10am.",
    "We accidentally deleted some saved drafts during Sunday's maintenance, and we have restored them from a backup.",
]

# --------------------------------------------------------------------------------------------
# prevention (absence): flag when there is no concrete change to process, checks or systems. A
# vague pledge fails, and so does a rollback or a fix on its own.
# --------------------------------------------------------------------------------------------
PREVENTION_FLAG = [
    "We sent the wrong invoice. A corrected one is attached. It won't happen again.",
    "Sorry for the broken link in today's newsletter. Here's the right one.",
    "The booking page was down for an hour this morning. We rolled back the update and everything is working again.",
    "We promise this will never happen again. Your refund has been processed.",
    "We shipped the wrong colour. A replacement is on its way, and we'll do better in future.",
    "Our app logged people out overnight. We've fixed the bug and you can sign in again.",
    "We've learned our lesson and are determined to get it right from now on. The correct price list is attached.",
    "The reminder emails went out a day late. They've now been sent.",
    "Rest assured, we take this very seriously and it will not be repeated. The event is on the 9th.",
    "Your card was charged twice. We've refunded the second payment.",
    "We mixed up the dates in the invitation. We'll be more careful going forward.",
    "Our product pages were missing VAT. We corrected them this morning.",
    "We restored your deleted files from last night's backup, so nothing has been lost.",
    "We're sorry for the delay with your order. We're committed to doing better.",
    "The wrong attachment went out earlier. The right one is here, and you have my word it won't recur.",
    "The Wi-Fi in the conference room dropped during your presentation. We restarted the router and it's been stable since.",
    "Your account was locked by mistake. I've unlocked it and reset your password.",
    "We'll make sure nothing like this ever happens again. Apologies for the mix-up with your seats.",
    "The payroll file had the wrong date. We resubmitted it and salaries will arrive on Friday.",
    "This was a one-off and we're confident it won't be repeated. The correct menu is now on the website.",
    "The price tags were wrong on Monday. We've added extra staff this week and the tags are correct again.",
    "Reminders stopped going out on Tuesday. We're switching the reminder service back on today.",
    'The newsletter went to the wrong list. The alert fired late, and the on-call person first suspected the mail server.',
    'The rota normally goes out from a checklist on the shared board, and that board got too crowded.',
    'Everyone please check your expense claims now; some were rejected by mistake.',
    'All affected orders have now been reissued with the right postage.',
    "The catalogue had the wrong page numbers. We've added a free bookmark to every order, sorry about that.",
]

PREVENTION_PASS = [
    "We sent the wrong invoice. From now on, a second person checks every invoice against the order before it goes out.",
    "Sorry for the broken link in today's newsletter. Every newsletter now goes through an automatic link checker before it's sent.",
    "The booking page went down after Friday's update. Every update now has to pass a staging test before it reaches the live site.",
    "We shipped the wrong colour. Our packers now scan each item's barcode against the order before sealing the box.",
    "The reminder emails went out a day late. They now go out on an automated schedule, so they no longer depend on someone pressing send.",
    "Your card was charged twice. We've changed the checkout so a second click on Pay is ignored while the first payment is processing.",
    "Prices were shown without VAT. The product pages now take VAT from the same system as the checkout, so the two can't drift apart.",
    "We mixed up the dates in the invitation. Event details are now copied from the calendar entry instead of being typed by hand.",
    "Our certificate expired and the site showed a warning. We've switched on automatic renewal and an alert 30 days before any certificate expires.",
    "We sent the update to the wrong mailing list. Bulk sends now need a second person to confirm the list before they go.",
    "Your files were deleted during maintenance. We now take a full backup before any maintenance begins.",
    "We got the figures wrong. Going forward, every report is reconciled against the finance ledger before we share it.",
    "The allergy label was wrong. We've added a label check at the end of the packing line and trained the whole team on it.",
    "Orders went to old addresses. The checkout now asks you to confirm your delivery address every time.",
    "The menu on our site was out of date. Menu changes now flow to the website automatically from the till system.",
    "Sorry for the late reply. We've set up a shared inbox with a four-hour response target, so messages no longer sit in one person's mailbox.",
    "The discount code expired early. Codes now take their end date straight from the campaign plan, and we test each one the day before launch.",
    "The app logged people out after our update. A sign-in test is now part of the release checklist.",
    "We double-booked the meeting room. Bookings now go through a single calendar that refuses overlapping slots.",
    "Your account was locked by mistake. We've adjusted our fraud rule so a single failed payment no longer locks an account.",
    "The invoice had last quarter's PO number. Going forward I'm taking PO numbers from the signed contract, not old emails.",
    'The class list went to parents instead of staff. The mailing tool is now restricted to the staff list only.',
    'Our load balancer change broke the login page. Network changes now go through the same staged rollout as code releases.',
    "The brochure showed last year's fees. Starting this term, each brochure is compared against the fee table before printing, and any mismatch stops the print run.",
    'The newsletter link was broken. Next season the newsletter will be tested by two people before it is sent.',
    'We printed the labels with old addresses. Labels now print from the address on the order, not the saved profile.',
    'The rota had people on leave. Rotas are now checked against the leave calendar before they go out, and coffee for the crew is on us.',
    'The sign-in sheet was from last week. The printer now only prints the sheet dated for that day.',
    'Config pushes broke checkout yesterday. Config pushes now need a second reviewer.',
    "Salaries arrived a day late. From July we'll submit the payment file two working days early.",
]

# --------------------------------------------------------------------------------------------
# timeline (absence): flag unless the fix is reported complete or a concrete time is given.
# "As soon as we know more" and its relatives fail.
# --------------------------------------------------------------------------------------------
TIMELINE_FLAG = [
    "Some card payments are failing at checkout. We'll update you as soon as we know more.",
    "Some orders are showing the wrong delivery date. We're investigating and will be in touch.",
    "The mobile app is crashing on start-up for some people. Our engineers are working on a fix.",
    "We've found an error in your last two invoices and are working out the correct amounts. We'll get back to you shortly.",
    "Emails from our support team are landing in spam folders. We'll let you know once we have an update.",
    "The tracking page is down. We'll post more here when we have news.",
    "We know search isn't returning any results. A fix is in progress.",
    "Your replacement part is held up at the supplier. We'll be in touch in due course.",
    "We're still checking which accounts the billing error touched. More soon.",
    "Thanks for your patience while we look into the missing loyalty points. We'll come back to you as quickly as we can.",
    "Some customers have received duplicate reminders. We're looking into the cause and will share an update when possible.",
    "The video library is unavailable at the moment. We hope to have it back before long.",
    "We know the price shown for the oak table is wrong and we're working to correct it.",
    "Part of our network is down, which is affecting phone support. We'll keep you posted.",
    "We've found a problem with password reset emails and are working on it. Watch this space.",
    "Our team is reviewing your claim and will respond in the near future.",
    "Refunds for the cancelled event are being processed. You'll hear from us once everything is sorted.",
    "We've spotted mistakes in the published timetable and are putting together a corrected version.",
    "The event page is showing the wrong venue on its map. Someone will get back to you about it.",
    "We haven't yet worked out why some gift cards show a zero balance. We'll update everyone as things progress.",
    'Section 3 of the staff handbook had the wrong holiday allowance. It is now being rewritten by the policy team.',
    "Your parcel hasn't arrived. We've asked the courier to search their depot, and someone will get back to you.",
    'Checkout stopped working at around 14:10 and is still unavailable. Our team is on it.',
    'The card reader is rejecting some payments after a few seconds. We are checking its settings.',
    "The booking tool double-booked Friday's rooms. Every booking is now checked against the calendar before it is confirmed.",
    "I'm sorry for the billing mix-up, and I apologise again for the stress it caused.",
    'Some refunds have not gone out. Card refunds are paused while we reconcile the accounts.',
    "The rota for next week went out with two people missing on Saturday. I'm rebuilding it now.",
    'We will post a corrected price list to every stockist over the coming weeks.',
    "The order page listed the wrong sizes. We're getting the size chart redone.",
    "Sorry, the menu we printed for Friday had last month's prices. We're having the menus reprinted.",
    "The Monday rota skipped two people. We're working on adding them back to the Monday rota.",
    'Your plan page shows the wrong renewal date and we are in the process of correcting it. Two free weeks will be added to your plan.',
    'Some lockers were assigned twice. A caretaker will reassign them over the next few days.',
    "The new map moved the Park Lane stop onto the Friday east route, so it was missed. We'll sort it out.",
]

TIMELINE_PASS = [
    "Card payments were failing this morning. The problem was fixed at 11:40 and payments are going through normally.",
    "Some orders showed the wrong delivery date. We're correcting them and will email everyone affected by 5pm today.",
    "The app was crashing on start-up. A fixed version is live in the app store now.",
    "There was an error in your last two invoices. Corrected copies will reach you by Thursday.",
    "The tracking page is down. Our next update will be posted here at 3pm UTC.",
    "Search wasn't returning results. That's now fixed, and everything you saved is still there.",
    "Your replacement part is held up at the supplier. It will ship on Monday and arrive within two working days.",
    "We're checking which accounts the billing error touched and will contact each of you within 48 hours.",
    "The missing loyalty points have been added back to your account.",
    "The video library was unavailable for two hours. It has been back online since noon.",
    "The price shown for the oak table was wrong. We've corrected it, and the right price is on the page now.",
    "Phone support is down because of a network fault. We expect it back by 2pm and will confirm here either way.",
    "Password reset emails weren't arriving. They're being delivered again, and any you requested yesterday have been resent.",
    "We're reviewing your claim and will reply by the end of next week.",
    "Refunds for the cancelled event will be in your account within five working days.",
    "The timetable had mistakes. The corrected version is attached and replaces the old one.",
    "The event page showed the wrong venue. We fixed the map this morning.",
    "We're still working out why some gift cards show a zero balance. Our next update will be tomorrow at 9am.",
    "Your booking was cancelled by mistake. It's been reinstated, and your confirmation email has gone out.",
    "We'll send you a full written summary of the error on Wednesday morning.",
    'The price on the product page was wrong. It has been fully corrected.',
    "Sorry, the slides had last year's chart. The fixed version is pinned in the channel.",
    'We charged your card twice. The extra payment was returned to your account on Tuesday.',
    'We delivered the wrong toaster. The right model left our depot this morning and arrives tomorrow.',
    'The unit we installed is faulty. A courier is picking it up tomorrow afternoon.',
    "We lost your raw photos, and we'd like to reshoot: the studio is free on the 3rd or the 5th.",
    "Your booking was dropped by our system. I'll hold your table until 8pm tonight.",
    "Your appointment was moved by mistake. I've moved it back to 10:30.",
    'The map link was broken this morning; it works again now.',
    "The webinar link in yesterday's email pointed to an old session. Sorry about that: the right link is https://example.com/live.",
    'Sorry, I got that wrong: your plan covers 20 users, not 12.',
    "Your parcel arrived a week late. We're refunding the delivery charge.",
    "The banners used the old logo; I've re-exported them with the new one.",
    'We expect to post our next progress note by 4pm today.',
    "oops, the quiz night flyer had the wrong room. it's Room 12 not 21. sorry!",
    "Quick fix to this morning's note: the training is in the Birch suite, NOT the Oak suite.",
    'Small correction: the car park is shut Saturday only, not the whole weekend.',
    "The welcome packs went out without lanyards, and we've handed them round, so every delegate now has one.",
    'The block on your library card was placed in error. That block has been lifted.',
    'Two suppliers were paid twice last month. Accounts has since clawed back both payments.',
    'The signed lease went out without page 4. The complete lease was re-faxed at 11:05am today.',
    'Apologies for the clash in the seminar room. The reading group has moved to the library annex.',
    "The booking form rejected valid postcodes from 8 to 9am. We found the faulty rule and it's working now.",
    'The worksheet link was broken; the fixed link is now on the class page, and tutors are checking the forum twice a day.',
    "Sorry the draft went to the wrong inbox. Let's go over the changes on Thursday.",
    "We've fixed the tariff and will refund the difference on your next bill.",
]

# --------------------------------------------------------------------------------------------
# calm: shouted capitals, a run of "!", or catastrophising words fail. Acronyms, codes and a
# single "!" pass. (Feeling words belong to correction, not calm.)
# --------------------------------------------------------------------------------------------
CALM_FLAG = [
    "We sent the wrong invoice!! The right one is attached.",
    "THIS IS NOT HOW WE WANT TO TREAT OUR CUSTOMERS. The missing orders have been resent.",
    "Yesterday's launch was a total disaster. The discount codes didn't work for anyone.",
    "What a nightmare the last 24 hours have been. Checkout is working again now.",
    "We've made a huge mess of your order. A replacement is on its way.",
    "Oh no!!! The newsletter went out with the wrong link. Here is the right one.",
    "PLEASE IGNORE our last email. The prices in it were WRONG.",
    "The outage was catastrophic for everyone involved. Services are back now.",
    "Our booking system went into total meltdown on Saturday. All bookings have been restored.",
    "This is an absolute fiasco, and we're fixing it right away. Your orders are safe.",
    "URGENT: DO NOT USE the link in this morning's email. A corrected link is below.",
    "The migration turned into a complete catastrophe and some of your data was briefly unavailable. Everything is restored.",
    "Heads up!! The webinar is at 4pm, not 3pm.",
    "The pricing on our site was a train wreck from start to finish. It's fixed now.",
    "It was utter chaos at the warehouse this week, and some orders went out twice.",
    "Our invoicing went completely haywire and everything is a shambles right now. We're sorting it out.",
    "We are VERY sorry about the delay to your order. It will arrive on Friday.",
    "This is a crisis, but please don't panic: your data is safe.",
    "The payment page crashed and burned on Monday night, an absolute horror show. It's working again.",
    "Thank you for bearing with us through this debacle!! Orders are shipping again.",
]

CALM_PASS = [
    "We sent the wrong invoice. The right one is attached.",
    "The webinar starts at 4pm UTC, not 3pm. The link is unchanged.",
    "Your VAT receipt showed the wrong amount. We've reissued it.",
    "Thanks for spotting that! The corrected link is below.",
    "The code in our email was wrong. Use CAKE20 at checkout and the discount will apply.",
    "We'll send a new SMS with your ID code within the hour.",
    "The PDF we sent had last year's figures. The updated PDF is attached.",
    "Good news: the outage is over and all bookings are safe.",
    "Our API returned errors for about 20 minutes this morning. Requests are succeeding again.",
    "The NHS number field on the form wasn't saving. That's fixed now.",
    "Apologies for the mix-up in the FAQ. The answer about returns now reflects our 30-day policy.",
    "We've fixed the problem with the iOS app; please update to version 4.2.",
    "Hi Sam! The tickets we sent you were for the wrong night; new ones are attached.",
    "It was a small slip, but we wanted you to know: the recipe said 2 tbsp of salt instead of 2 tsp.",
    "The GDPR notice on our site linked to an old page. It now points to the current policy.",
    "Your order (ref. AB-2291) went to the wrong depot. It will reach you on Tuesday.",
    "The CEO's note in yesterday's newsletter had the wrong date: the town hall is on 3 May.",
    "We're sorry for the delay. Your refund of £25 is on its way.",
    "The USB-C cables in the March batch were labelled 2 m but are 1 m long. Reply for a swap.",
    "Unfortunately the shuttle bus left early on Friday. We've booked taxis for everyone affected.",
]

# --------------------------------------------------------------------------------------------
# proportion: a long account of how it happened, or a draft far longer or harder to read than the
# mistake warrants, fails. A long notice that is mostly what the reader needs passes.
# --------------------------------------------------------------------------------------------
PROPORTION_FLAG = [
    # a one-digit date slip, explained at length
    "Hi all,\n\n"
    "In yesterday's newsletter the summer fair was listed for the 14th instead of the 15th, and I want to walk you "
    "through how that happened. The copy was first drafted three weeks ago, when the fair was still pencilled in "
    "for the 14th. After the council moved our park booking, the date was changed in our calendar and on the "
    "website, but the newsletter text had already been pasted into the email tool, which keeps its own copy. When "
    "we finalised the newsletter on Monday we edited the headline and swapped the photos inside the email tool, but "
    "did not go back to the body text, because we assumed it had been refreshed from the shared document. The test "
    "send on Monday evening was read on phones, where the date sits below the fold, so it went unnoticed. On "
    "Tuesday the scheduled send went out at 7am, before anyone was in, and the first reply pointing out the slip "
    "arrived at 9:15, by which point most of the list had opened it. The fair is on the 15th.",
    # wrong attachment, with the whole story of the file naming
    "Dear Mr Alvarez,\n\n"
    "The file attached to my email this morning was the draft proposal rather than the final one. Our shared drive "
    "keeps every version of a proposal in the same folder, and the draft and final files are named almost "
    "identically, with only a short suffix to tell them apart. Last week we reorganised the folder structure, and "
    "in the process the final version was moved into an archive subfolder while the draft stayed at the top level. "
    "When I went to attach the proposal, the search in the mail client showed the draft first because it had been "
    "opened more recently, and because the preview pane was switched off I did not see the watermark on the first "
    "page. I had also renamed both files the day before to match our new naming convention, which meant the usual "
    "cue I rely on, the word FINAL at the end of the name, was no longer there. The correct proposal is attached.",
    # a slow reply turned into an inbox migration saga
    "Hello Priyanka,\n\n"
    "I'm sorry it took us nine days to answer your question about the lease. Over the past month we have been "
    "moving from our old ticketing system to a new shared inbox. The migration was planned in three stages: first "
    "the historical tickets, then the live queue, and finally the forwarding rules from our public address. The "
    "first two stages went smoothly, but the forwarding rules were switched over on a Friday afternoon, and one of "
    "the rules that routes messages containing the word lease to the property team was copied with a typo in the "
    "folder name. Messages matching that rule were therefore filed in a folder that nobody was watching. We only "
    "noticed when another tenant phoned us on the following Wednesday, and it then took two more days to trace the "
    "rule, rebuild it and work back through the folder in date order. The answer to your question is below.",
    # ten-minute outage with a root-cause dump on the status page
    "Status update: between 14:02 and 14:12 UTC, some dashboard pages loaded slowly.\n\n"
    "At 13:58 a scheduled job began rebuilding the search index for the reporting service. The job normally runs at "
    "night, but its schedule had been shifted by a configuration change earlier in the week that converted all job "
    "times to UTC without adjusting this one. The rebuild took a lock on the primary reporting table, and queries "
    "from the dashboard began to queue behind it. The connection pool reached its limit of 200 connections at "
    "14:02, and new requests waited for up to 30 seconds. Our alerting fired at 14:05 on p95 latency, and the "
    "on-call engineer paged the database team at 14:07. The database team identified the long-running rebuild at "
    "14:10 and cancelled it, which released the lock. The queue drained by 14:12. The rebuild was re-run at 02:00, "
    "its intended time, and completed without incident. No data was lost.",
    # a cake flavour mix-up told as a bakery saga
    "Hi Jess,\n\n"
    "Your birthday cake came out as vanilla rather than lemon, and I owe you the full story. On Thursday we had "
    "eleven celebration cakes on the board, which is more than usual for a weekday. Orders are written on paper "
    "tickets that are clipped above the mixing station, and the lemon and vanilla sponges use the same base batter "
    "with the flavouring added at the end. That morning the clip holding your ticket slipped, and your ticket ended "
    "up behind the ticket for a vanilla cake due the same afternoon. The baker on the early shift worked through the "
    "visible tickets in order, and when she reached the second vanilla ticket she assumed it was a duplicate. Your "
    "ticket was found on the floor at closing time, after the cake had already been collected. A lemon cake is "
    "ready for you whenever you'd like to pick it up.",
    # one sprawling, jargon-heavy sentence about a calendar invite
    "Please be advised that, further to the calendar invitation circulated earlier today in respect of the "
    "quarterly planning session, which, owing to the interaction between the scheduling assistant's default "
    "time-zone inheritance behaviour and the organiser's recently reconfigured regional settings, which had "
    "themselves been altered in anticipation of forthcoming travel but not subsequently reverted, was generated "
    "with a start time one hour later than that which had been agreed in principle by the attendees during the "
    "preliminary discussions held in the preceding fortnight, the aforementioned session will in fact commence at "
    "the originally contemplated hour, notwithstanding the information presently displayed in recipients' "
    "calendars, which it is anticipated will be rectified by means of an amended invitation in due course.",
    # misspelt name badge, long account
    "Hi Siobhan,\n\n"
    "Your name badge at yesterday's conference was misspelt, and I'd like to explain how. Registration data comes in "
    "through our booking form, which feeds a spreadsheet that the print shop uses to make the badges. The form "
    "itself stored your name correctly. However, when the spreadsheet was exported to the print shop's template, "
    "the export used a character set that does not handle accented letters or some Irish spellings well, and a "
    "clean-up script that was meant to fix encoding problems replaced the letters it did not recognise with the "
    "closest match from a standard list. The print shop's proof came back to us as a PDF with a hundred badges on "
    "it, and we checked a sample of twenty rather than every one. Yours was not in the sample. A corrected badge "
    "is waiting for you at the front desk.",
    # a doubled email explained through the mail tool's retry queue
    "Hi there,\n\n"
    "You may have noticed that our Friday digest reached you twice. Our mailing platform sends each campaign in "
    "batches of a thousand addresses. On Friday, the third batch timed out while waiting for a response from the "
    "platform's delivery service, and under our account settings a timed-out batch is placed back in the queue "
    "and retried after fifteen minutes. What we had not realised is that the delivery service had in fact accepted "
    "and sent that batch before the time-out was recorded, so the retry sent the same messages again. The platform "
    "logs this as two successful sends, which is why our own reporting did not show any problem. We found out from "
    "replies on Saturday morning, and after comparing the send logs with the platform's support team we confirmed "
    "that about a thousand readers, you among them, received both copies. There is nothing you need to do.",
    # a single mispriced item with a long supplier-feed explanation
    "Dear customer,\n\n"
    "For part of Sunday the ceramic teapot on our site showed a price of £4 instead of £40. Our prices come from a "
    "nightly feed supplied by our wholesaler, which we import into our catalogue at 1am. On Saturday night the "
    "wholesaler changed the layout of the feed, adding a new column for trade discounts between the price and "
    "currency columns. Our import script reads columns by position, not by heading, so for every product it read "
    "the value of the new column instead of the price. For most items the discount column was empty and the import "
    "skipped them, leaving the old price in place, but for the teapot the discount field held the figure 4, which "
    "the script accepted as a valid price. The error was spotted at 11am when the teapot sold out, and the price "
    "was corrected shortly after. Your order will be refunded in full.",
    # yoga class cancellation, long story
    "Hi everyone,\n\n"
    "I'm sorry that Wednesday's evening class was cancelled at such short notice. Our regular instructor had a "
    "clash with a training course, and she had arranged cover with a teacher from our other studio a fortnight in "
    "advance. That teacher's own Wednesday class was then moved by her manager to the same slot, and the message "
    "letting us know went to a general inbox that we only check on Mondays and Thursdays. On Wednesday afternoon, "
    "when the cover teacher had not confirmed, we tried to reach her by phone and then tried two other instructors, "
    "one of whom was ill and one who was away. By the time we had exhausted the list it was six o'clock, so we sent "
    "the cancellation text. Your class credit has been returned to your account.",
    # a missing item from a grocery order, with a picking narrative
    "Hi Dev,\n\n"
    "Your grocery order arrived without the oat milk you ordered, so I looked into what happened. Orders are picked "
    "by aisle, with chilled items picked last so they spend as little time out of the fridge as possible. On "
    "Tuesday the chilled section was being restocked during the picking window, and the oat milk had been moved "
    "temporarily to a trolley at the end of the aisle while the shelves were cleaned. The picker's handheld scanner "
    "still pointed to the usual shelf, which was empty, so it recorded the item as out of stock. The substitution "
    "rules on your account say not to substitute plant milks, so the scanner marked it as missing rather than "
    "offering an alternative, and the packing team sealed the bags without a second look. You have not been "
    "charged for the oat milk.",
    # time-zone slip in a webinar invite, with a long explanation
    "Dear attendees,\n\n"
    "The invitation for Thursday's webinar gave the start time as 4pm in Eastern time, when it should have been "
    "4pm in UK time. The event was set up in our webinar platform by a colleague based in our Boston office, whose "
    "account defaults to Eastern time, and the platform writes the organiser's time zone into the invitation "
    "automatically. We then copied the time into our own email template, which does not show a time zone at all, "
    "and added UK-style wording around it. The two messages were reviewed separately by different people, and each "
    "looked consistent on its own. It was only when we compared the registration page with the reminder email that "
    "we saw that they differed by five hours. The webinar starts at 4pm UK time.",
    # internal note about a print order on the wrong paper stock
    "Team,\n\n"
    "The brochures delivered on Monday were printed on matt stock instead of the gloss we specified. Here is how "
    "that came about. The order was placed through the printer's online portal, which remembers the paper choice "
    "from your last order unless you change it. Our last order with them was for the staff handbook, which was "
    "printed on matt. When the brochure order was set up, the file, quantity and finishing were all entered afresh, "
    "but the paper dropdown sits on a separate tab that only appears after you upload the artwork, and it was not "
    "opened. The printer's proof email mentions the paper stock in small print at the bottom, under the delivery "
    "details, and the proof was approved on the strength of the artwork preview alone. The printer has agreed to "
    "reprint on gloss.",
    # consulting report chart formatting
    "Hi Marguerite,\n\n"
    "The chart on page 12 of the report we sent on Friday had its axis labels swapped. The chart was built in our "
    "analysis notebook, exported as an image, and then placed in the report template. During the final review we "
    "asked for the colours to be changed to match your brand guide. That change was made in the notebook, and to "
    "save time the chart was regenerated from a cached copy of the data rather than the final dataset. The cached "
    "copy had the columns in a different order, because an earlier version of the pipeline sorted them "
    "alphabetically, and the plotting code picks the axes by column position. The regenerated chart therefore "
    "looked right at a glance, with the right colours and the right shape, but the labels described the wrong "
    "axes. The reviewer compared it with the previous image for colour only. A corrected page 12 is attached.",
    # missed hotel wake-up call, long account
    "Dear Mr Lindqvist,\n\n"
    "Your wake-up call on Tuesday did not come through, and I have looked into why. Wake-up calls are booked at the "
    "front desk into our telephone system, which places the call automatically at the chosen time. On Monday night "
    "our telephone provider carried out planned maintenance between 1am and 3am, and the system restarted at about "
    "2:40. After a restart the system reloads its scheduled calls from a saved list, but that list is only saved "
    "once an hour, and your booking had been made at 11:55pm, after the last save before the restart. The system "
    "therefore came back without it. The night manager had been told about the maintenance but not that bookings "
    "made late in the evening could be lost. We have taken the cost of your taxi off your bill.",
    # convoluted, hard-to-read note about a 2p rounding difference
    "Notwithstanding the comprehensive reconciliation procedures customarily undertaken in connection with the "
    "periodic issuance of statements of account, it has come to our attention that, consequent upon an "
    "inconsistency in the rounding methodology applied to fractional pence arising from the pro-rata apportionment "
    "of subscription charges across partial billing periods, certain statements issued in respect of the period "
    "ending 31 March reflected an aggregate balance diverging by an amount not exceeding two pence from the "
    "balance that would have resulted had the prescribed methodology been consistently applied throughout, "
    "which divergence, whilst immaterial in quantum, is nevertheless being remedied by means of a corresponding "
    "adjustment to be reflected in the statement for the subsequent period.",
    # five-minute stale dashboard, with a full post-mortem sent to customers
    "Hi,\n\n"
    "On Wednesday afternoon, figures on your analytics dashboard were about five minutes behind for a short time. "
    "Our dashboard reads from a cache that is refreshed by a worker process every thirty seconds. At 15:20 we "
    "deployed a routine update to that worker. The update included a new version of the client library we use to "
    "talk to the cache, and the new version changed the default serialisation format. Workers running the new code "
    "wrote entries the old readers could not parse, and the old readers, rather than failing loudly, treated the "
    "unreadable entries as missing and fell back to the previous value. Because the deployment rolls out gradually, "
    "for several minutes some readers were on the old version and some on the new, and the cache held a mixture of "
    "formats. Once every reader had picked up the new version at 15:26, all entries were readable again and the "
    "figures caught up. None of your underlying data was affected.",
    # a late delivery of office chairs, with every step of the logistics chain recounted
    "Dear Ms Oduya,\n\n"
    "Your office chairs arrived on Friday rather than Tuesday, and I would like to set out in full how the delay "
    "came about. The chairs are made to order at our partner factory, which sends finished pieces to our central "
    "depot each Thursday. Your chairs were finished on time and left the factory on the Thursday before your "
    "delivery date. At the depot, incoming stock is checked in against purchase orders and then grouped into "
    "regional loads for the following week. That Thursday, the depot was receiving two container deliveries at "
    "once, and to clear the loading bay the team moved several pallets, including yours, into overflow storage "
    "before they had been scanned in. Pallets in overflow storage do not appear in the load-planning system until "
    "they are scanned, so when the regional loads were planned on Friday morning your chairs were not on the list. "
    "On Monday the planner noticed that your order had no stock allocated and raised a query with the factory, "
    "which confirmed the chairs had been dispatched. The depot then searched the main racks, which took most of "
    "Monday, and only checked overflow storage on Tuesday morning, by which time the van for your region had left. "
    "The next van with space was on Thursday evening, which is why the chairs reached you on Friday. Over the "
    "weekend we also found that the automatic delivery reminder had been sent on Monday, because it is triggered by "
    "the planned date rather than by the van leaving, which explains the message you received that day. The "
    "chairs themselves were not damaged at any point.",
    # a wrongly spelt surname, padded and repeated far beyond the mistake
    "Dear Mrs Whitfield,\n\n"
    "I am writing to you today regarding the letter we sent to you last week, in connection with your account. "
    "Upon review of that letter, and following careful consideration of the matter by several members of our "
    "customer relations team, we have come to the conclusion that your surname was spelt incorrectly in the "
    "address block at the top of the page. We have examined the circumstances in which this occurred, including "
    "the manner in which the details were transferred from our records to the letter template, and the stages of "
    "review through which the letter passed before being posted. We appreciate that the correct spelling of one's "
    "name is a matter of importance, and we have given this matter the attention that it deserves throughout our "
    "review. Having completed that review, we can confirm that your records hold the correct spelling and that the "
    "error was confined to that single letter, and that your account itself has not been affected in any way.",
]

PROPORTION_PASS = [
    "Yesterday's order confirmations showed the wrong collection store. Your order is at the store you chose at checkout.",
    "We sent you the wrong size. A replacement in medium is on its way, and the original is yours to return at no cost.",
    "Hi Jess,\nYour cake came out as vanilla rather than lemon. A lemon one is ready for you whenever you'd like to collect it.\nBest,\nKate",
    "Quick correction: the summer fair is on the 15th, not the 14th as yesterday's newsletter said.",
    "Between 14:02 and 14:12 UTC some dashboard pages loaded slowly. A maintenance job ran at the wrong time; it has been moved back to its night slot and pages are fast again.",
    "The chart on page 12 of Friday's report had its axis labels swapped. A corrected page is attached; nothing else in the report changes.",
    "Sorry, the attachment this morning was the draft proposal. The final version is attached here.",
    "Your wake-up call on Tuesday didn't come through because of overnight maintenance on our phone system. We've taken the cost of your taxi off your bill.",
    "Our Friday digest went out twice to about a thousand readers. There's nothing you need to do, and we've changed our settings so a batch is never resent automatically.",
    "For part of Sunday the ceramic teapot was priced at £4 instead of £40. Your order will be refunded in full, and the price is correct again.",
    "Your grocery order arrived without the oat milk. You haven't been charged for it, and we can add it to your next delivery if you'd like.",
    "Dear attendees,\nThe webinar starts at 4pm UK time, not 4pm Eastern as the invitation said. The joining link is unchanged.",
    "We misspelt your surname on last week's letter. Your records are correct, and a corrected letter is in the post.",
    "Hi Dev, thanks for flagging the missing item. It's been refunded and I've noted your preference for no substitutions.",
    # long notices that are mostly what the reader needs
    "Dear customer,\n\n"
    "We are writing to tell you about a security incident that affected your account. On 3 June, a file containing "
    "customer names, email addresses and the last four digits of payment cards was left accessible on one of our "
    "servers for about six hours. Full card numbers, passwords and bank details were not in the file.\n\n"
    "What this means for you: someone may try to contact you pretending to be us. We will never ask for your "
    "password or full card number by email or phone. If you receive a message like that, do not reply, and "
    "forward it to security@example.com.\n\n"
    "What we have done: we removed access to the file within minutes of finding it, reported the incident to the "
    "data protection regulator, and asked an independent firm to review our server settings. Every file of this "
    "kind is now stored encrypted and access is reviewed weekly.\n\n"
    "What you can do: you don't need to change your card, but you may want to watch your statements for anything "
    "unusual over the coming months. If you have questions, call our dedicated line on 0800 555 0199, open 8am to "
    "8pm every day, or reply to this email. We will write again by 30 June with the findings of the review.",
    "Dear colleagues,\n\n"
    "This month's salaries were paid one day late because the payroll file reached the bank after its cut-off. "
    "Everyone's pay has now arrived in full.\n\n"
    "If the delay caused you any cost, such as an overdraft fee, a bounced direct debit or a late-payment charge, "
    "please send the details to payroll@example.com by 20 July and we will reimburse you in next month's run, or "
    "sooner if you need it. If you are facing hardship because of the delay, speak to your manager or to the HR "
    "helpline on extension 4400 and we will arrange an advance the same day.\n\n"
    "From next month the payroll file will be sent two working days before the cut-off, with an automatic check "
    "that the bank has received it. We will confirm each month's payment date in the payslip email.",
    "Dear parents,\n\n"
    "Some of the allergy information on this term's lunch menu was wrong. The menu listed the Thursday pasta bake "
    "as nut-free, but the pesto used in it contains cashews. The dish has been taken off the menu and replaced "
    "with a tomato pasta bake that is nut-free.\n\n"
    "If your child has a nut allergy and ate the pasta bake on either of the last two Thursdays, please watch for "
    "any late symptoms and contact your GP if you have any concerns. Our school nurse is available on 01632 960 "
    "123 between 8am and 4pm if you'd like to talk it through.\n\n"
    "An updated menu is attached. From now on every new recipe is checked against the supplier's ingredient sheets "
    "by the catering manager before it is added to the menu, and we will send any further menu changes to you at "
    "least a week in advance.",
    "Hi all,\n\n"
    "Our booking system was unavailable from 9:10 to 11:40 this morning. Any bookings you made before 9:10 are "
    "safe, and we have checked each one.\n\n"
    "If you tried to book during the outage and got an error, please try again now. If the slot you wanted has "
    "gone, reply to this email with your preferred time and we will fit you in this week, including evenings. "
    "Anyone who missed an appointment because of the outage can rebook free of charge.\n\n"
    "The cause was a faulty update, which we have removed. Updates now go to a test copy of the system for a full "
    "day before they reach the live one. We will post a short summary on our status page by 5pm today.",
]

# --------------------------------------------------------------------------------------------
# make_good (informational): "flag" = verdict "present" (a gesture beyond the correction).
# Refunding an overcharge or a duplicate charge is the correction itself, not a gesture.
# --------------------------------------------------------------------------------------------
MAKE_GOOD_FLAG = [
    "Your order arrived two days late. We've added a £10 credit to your account for the trouble.",
    "We sent you two jumpers instead of one. Please keep the extra one, it's yours.",
    "The lamp was listed on our site at the wrong price. We'll honour the price you saw.",
    "Our service was down for most of Tuesday. As a thank-you for your patience, next month is on us.",
    "We got your order wrong. Here's 20% off your next one: use SORRY20 at checkout.",
    "Your room wasn't ready when you arrived. We've upgraded you to a suite at no extra charge.",
    "We missed your delivery slot. Your next delivery will be free of charge.",
    "The app was unavailable for three days. To make up for it, we've extended your subscription by two months.",
    "We sent the wrong wine with your order. The right case is on its way, along with a bottle of fizz on the house.",
    "Everyone affected by the cancelled screening will receive a £15 voucher by email this week.",
    "We sent you the wrong charger. The right one ships today, and there's no need to send the other back; it's yours to keep.",
    "Your installation was delayed by a week. We've waived this quarter's service fee.",
    "We're sorry your table wasn't ready on time. Dinner tonight is complimentary.",
    "Your points didn't show up after your last stay. We've added them, plus an extra 500 as a goodwill gesture.",
    "We had to move the concert to a new date. Your tickets stay valid, and we've added two free drinks vouchers for each of you.",
    "The engineer missed your appointment. You'll see a goodwill credit of $30 on your next statement.",
    "We told you the wrong venue. We'll also cover the cost of your taxi to the right one.",
    "Your account migration took longer than promised. Your first month on the Pro plan is free to make up for it.",
    "The wrong shade arrived. Your replacement is on the way with a free sample pack, with our compliments.",
    "The sofa was mispriced at checkout. You can have it at the price you saw, and we've knocked a further 10% off for the hassle.",
    'The parking email gave the wrong level. Pizza for the whole floor is on the company tomorrow.',
    'We sent the wrong banner artwork to the printer. Lunch for the design team is on me on Friday.',
    'Your delivery was three hours late. Bagels in the lobby on Monday for the trouble.',
    "The renewal notice quoted the wrong rate. We're taking $30 off your next bill.",
    "Our report had a formula error on page 4. We won't bill for the hours spent on the revision.",
    'The pool hours on our flyer were wrong. Entry is free for members all weekend.',
    'The payment portal rejected valid cards on Monday. Late charges for this month will not be applied to anyone who paid by Wednesday.',
    "The class schedule listed the wrong room. We're crediting this term's materials fee for everyone enrolled.",
    'We packed two lamps instead of one. Keep the second lamp, or give it to a friend.',
    'The workshop started forty minutes late. Every attendee gets an extra 30 days of access to the recordings.',
    "The quote we gave you left out the delivery line. We'll stand by the quoted price.",
    'Our scheduling error cost the weekend crew their Saturday morning. Each of you gets an additional half-day off this month.',
    'The wrong sizes went out in the team kit order. The right ones ship today, with a $20 store credit for each player.',
    "The gym was closed without notice on Sunday. We've extended your membership by a week.",
    "The invoice was sent to the wrong contact. We'll cover the bank's late-payment penalty.",
]

MAKE_GOOD_PASS = [
    "We charged you twice for your order. The duplicate charge has been refunded.",
    "Your invoice overcharged you by £40. We've refunded the difference.",
    "We sent the wrong size. A replacement is on its way; please send the original back with the enclosed label.",
    "The link in our newsletter was broken. Here is the working one.",
    "Your appointment was booked for the wrong day. It's now on Tuesday at 3pm.",
    "We billed you for a month after you cancelled. That payment has gone back to your card.",
    "The price at the till was higher than the shelf price. We've refunded the extra £3.50.",
    "Your order arrived damaged. We'll send a new one today, and a courier will collect the damaged one.",
    "Our app showed the wrong balance. Your actual balance was never affected.",
    "We mislabelled the jars. Please return them and we'll refund what you paid.",
    "The invitation had the wrong date. The event is on Friday.",
    "Your subscription renewed at the old, higher rate. We've refunded the difference, and the new rate applies from now on.",
    "We applied VAT twice on your order. The extra amount is back on your card.",
    "The webinar link failed. The recording is now in your account.",
    "We charged the delivery fee twice. One of the fees has been reversed.",
    "Your parcel went to the wrong address. We've re-sent it by tracked post.",
    "The report had last year's figures. The corrected report is attached.",
    "We cancelled your booking by mistake. It has been reinstated at the original price.",
    "Sorry, your discount code wasn't applied at checkout. We've refunded the 15% you should have saved.",
    "Your account was locked in error. It's unlocked now and your password is unchanged.",
    "We're sorry for the trouble the wrong address caused. The corrected invite is attached.",
    "Your card was charged twice. We won't charge you twice again; the second payment has been refunded.",
    'Please keep an eye out for the corrected statement, which goes out tomorrow.',
    'The booking form showed the wrong dates. Would you like to keep Tuesday or move to Thursday?',
    "When you upgraded your plan last month, the old rate stayed on the invoice. We've refunded the overcharge.",
    "The meeting room is free at 3pm if you'd like to go over the corrected figures.",
    'We took the outdated price list off the website this morning and posted the right one.',
    "If your bank charged you an overdraft fee because of the late payroll, send us the statement and we'll reimburse it.",
    'Sorry, we paid your invoice to the wrong account last week. The bank is recalling it.',
    'The dashboard is back online and all reports are showing again.',
]


# --------------------------------------------------------------------------------------------
# helpers and tests
# --------------------------------------------------------------------------------------------
def _ids(table):
    out = []
    for i, item in enumerate(table):
        text = item[0] if isinstance(item, tuple) else item
        label = " ".join(text.split())[:40]
        if isinstance(item, tuple):
            label = f"{item[1]}: {label}"
        out.append(f"{i:02d} {label}")
    return out


def _result(checker, text, cid):
    if cid not in CRITERION_IDS:
        pytest.skip(f"{cid} not implemented")
    return checker.check(text).criteria[cid]


def _describe(result):
    return [(f.rule, f.text) for f in result.findings]


def _expect(checker, text, cid, verdict):
    result = _result(checker, text, cid)
    assert result.verdict == verdict, (result.verdict, result.score, _describe(result))




@pytest.mark.parametrize("text", FACTS_FLAG, ids=_ids(FACTS_FLAG))
def test_facts_flags(rules_checker, text):
    _expect(rules_checker, text, "facts", "fail")


@pytest.mark.parametrize("text", FACTS_PASS, ids=_ids(FACTS_PASS))
def test_facts_passes(rules_checker, text):
    _expect(rules_checker, text, "facts", "pass")


@pytest.mark.parametrize("text", NAMES_FLAG, ids=_ids(NAMES_FLAG))
def test_names_flags(rules_checker, text):
    _expect(rules_checker, text, "names", "fail")


@pytest.mark.parametrize("text", NAMES_PASS, ids=_ids(NAMES_PASS))
def test_names_passes(rules_checker, text):
    _expect(rules_checker, text, "names", "pass")


@pytest.mark.parametrize("text,name", NAMES_BLAMED_SPANS, ids=_ids(NAMES_BLAMED_SPANS))
def test_names_finding_covers_blamed_name(rules_checker, text, name):
    result = _result(rules_checker, text, "names")
    start = text.index(name)
    end = start + len(name)
    assert any(f.start <= start and end <= f.end for f in result.findings), _describe(result)


@pytest.mark.parametrize("text,name", NAMES_HARMLESS_SPANS, ids=_ids(NAMES_HARMLESS_SPANS))
def test_names_finding_spares_harmless_name(rules_checker, text, name):
    result = _result(rules_checker, text, "names")
    start = text.index(name)
    end = start + len(name)
    overlapping = [f for f in result.findings if f.start < end and start < f.end]
    assert not overlapping, _describe(result)


@pytest.mark.parametrize("text", CORRECTION_FLAG, ids=_ids(CORRECTION_FLAG))
def test_correction_flags(rules_checker, text):
    _expect(rules_checker, text, "correction", "fail")


@pytest.mark.parametrize("text", CORRECTION_PASS, ids=_ids(CORRECTION_PASS))
def test_correction_passes(rules_checker, text):
    _expect(rules_checker, text, "correction", "pass")


@pytest.mark.parametrize("text", NEXT_STEPS_FLAG, ids=_ids(NEXT_STEPS_FLAG))
def test_next_steps_flags(rules_checker, text):
    _expect(rules_checker, text, "next_steps", "fail")


@pytest.mark.parametrize("text", NEXT_STEPS_PASS, ids=_ids(NEXT_STEPS_PASS))
def test_next_steps_passes(rules_checker, text):
    _expect(rules_checker, text, "next_steps", "pass")


@pytest.mark.parametrize("text", OWNERSHIP_FLAG, ids=_ids(OWNERSHIP_FLAG))
def test_ownership_flags(rules_checker, text):
    _expect(rules_checker, text, "ownership", "fail")


@pytest.mark.parametrize("text", OWNERSHIP_PASS, ids=_ids(OWNERSHIP_PASS))
def test_ownership_passes(rules_checker, text):
    _expect(rules_checker, text, "ownership", "pass")


@pytest.mark.parametrize("text", PREVENTION_FLAG, ids=_ids(PREVENTION_FLAG))
def test_prevention_flags(rules_checker, text):
    _expect(rules_checker, text, "prevention", "fail")


@pytest.mark.parametrize("text", PREVENTION_PASS, ids=_ids(PREVENTION_PASS))
def test_prevention_passes(rules_checker, text):
    _expect(rules_checker, text, "prevention", "pass")


@pytest.mark.parametrize("text", TIMELINE_FLAG, ids=_ids(TIMELINE_FLAG))
def test_timeline_flags(rules_checker, text):
    _expect(rules_checker, text, "timeline", "fail")


@pytest.mark.parametrize("text", TIMELINE_PASS, ids=_ids(TIMELINE_PASS))
def test_timeline_passes(rules_checker, text):
    _expect(rules_checker, text, "timeline", "pass")


@pytest.mark.parametrize("text", CALM_FLAG, ids=_ids(CALM_FLAG))
def test_calm_flags(rules_checker, text):
    _expect(rules_checker, text, "calm", "fail")


@pytest.mark.parametrize("text", CALM_PASS, ids=_ids(CALM_PASS))
def test_calm_passes(rules_checker, text):
    _expect(rules_checker, text, "calm", "pass")


@pytest.mark.parametrize("text", PROPORTION_FLAG, ids=_ids(PROPORTION_FLAG))
def test_proportion_flags(rules_checker, text):
    _expect(rules_checker, text, "proportion", "fail")


@pytest.mark.parametrize("text", PROPORTION_PASS, ids=_ids(PROPORTION_PASS))
def test_proportion_passes(rules_checker, text):
    _expect(rules_checker, text, "proportion", "pass")


@pytest.mark.parametrize("text", MAKE_GOOD_FLAG, ids=_ids(MAKE_GOOD_FLAG))
def test_make_good_flags(rules_checker, text):
    _expect(rules_checker, text, "make_good", "present")


@pytest.mark.parametrize("text", MAKE_GOOD_PASS, ids=_ids(MAKE_GOOD_PASS))
def test_make_good_passes(rules_checker, text):
    _expect(rules_checker, text, "make_good", "absent")
