"""Narrative text of the 2016/17 demo report, from the seed report (shared/seed), in Markdown.

The seed's words, paragraphs and lists, in its order. Where a sentence gives a figure the portal
holds as a record (context facts, training statements, e-learning totals, other training, the
priorities), the figure is a live placeholder (``{{ name }}``, see ``reports.annual.placeholders``)
that prints the same number; figures the portal does not hold are typed, as the seed has them.
"""

# ruff: noqa: E501, RUF001

FOREWORD = """\
This is the first Annual Report on the work of the Wigan Safeguarding Children Board in my time as the new Portfolio Holder for Children and Young People. The 2016-2017 report shows the good progress being made by the Board partnership across all areas of safeguarding.

In the last year the Board underwent an Ofsted inspection which allowed us to reflect on our strengths and also on some key areas for development. We have gained real momentum in establishing and maintaining safe communities for our children and young people and engaging community and voluntary organisations as major stakeholders. Through effective communication and engagement, our young people have received clear and consistent messages around safeguarding and the entire children’s workforce has had the benefit of a rigorous training programme.

The Board acknowledged in late 2016 that the mirroring of the Children Board and Adult Board processes provides a good foundation for a strategic ‘life course’ approach to safeguarding. This aligns with adopting a whole family view when working with children and families in order to build on their current strengths and future potential. The work is well underway and as the report details is already bringing positive benefits.

The Board has also made good progress in helping to bridge the gaps among schools, mental health services and community organisations supporting young people. A good example is amateur sports clubs, who have been successful in receiving grants from the Council’s Community Investment Fund. Closer working relationships in local communities has benefited our children and young people.

In 2016-17 through the candour and cooperation of the partnership on Serious Case Reviews, the Board has created enhanced opportunity for valuable lessons to be learned and acted upon; improving practice in more timely and effective ways.

As a result of new legislation next year, further reviews of the work of the Board are anticipated. However, at the forefront of our policies and practice is the strong commitment to providing the very best services for the wellbeing and safeguarding of our children and young people in the borough.

This is of paramount importance to all of us.
"""

EXECUTIVE_SUMMARY = """\
### Purpose

The Wigan Safeguarding Children Board (WSCB) annual report aims to reflect the Board’s evaluation of its activity: where the board has achieved against the challenges it set itself and what impact the Board’s work is having on the safety and wellbeing of children and families in Wigan.

During the year 2016-17, the Board was evaluated as part of Wigan’s OFSTED Inspection in January – February 2017. The OFSTED outcome, that the Board required improvement, was as the Board had expected and recognised and validated the positive progress that the Board was making on a continuous journey towards outstanding.

This report goes into detail regarding the individual activities that have contributed to those broader objectives.

The Annual Report is also part of the requirements of the Board’s function in law, as defined in Working Together 2013 as a requirement to report on the effectiveness of arrangements to promote welfare and safeguard the children of Wigan.

The Report contains detail on the outcomes of work undertaken by the Sub Groups of WSCB, Governance, training activity and contributions from member organisations.

### Achievements and Work Programme

Over 2016-17, the Board took a strategic decision to see safeguarding in both its universal and statutory responsibilities as a lifelong model. Based upon a whole family approach to early help which increases the strength and resilience of individuals and communities, the approach also tackles what can be a disconnection at the transition point between services for children and those for adults. As part of this, over 2016-17 the board has enhanced the training offer, support and collaboration available to the voluntary and community sector through support of Community Investment Fund projects and engagement with young people.

The Board made marked progress against all {{ priorities.count }} of its strategic objectives over 2016-17, and this will allow 2017-18 to commence with innovative work underpinned by a new board team structure and a set of refreshed strategic priorities.

Highlights of the Year have been:

- Reviewed and strengthened chairmanship of the Board and appointed a combined chair (WSAB & WSCB).
- Review and refresh of the WSCB Child Sexual Exploitation strategy.
- WSCB led on bringing learning into the safeguarding practice ; providing more than 1000 places on Locality Briefings for practitioners over the year, a successful annual conference for over 200 people, face to face training accessed by over 1500 people and a strong online learning offer.
- The launch, in September 2016, of a new WSCB Learning and Improvement Performance Framework which provides consistent trackable information to the various different Board groups and sub groups.
"""

CONTEXT = """\
### The demographic of Wigan

Wigan is a town in Greater Manchester, England. It stands on the River Douglas, 7.9 miles south west of Bolton, 10 miles north of Warrington and 16 miles west northwest of Manchester. The Borough had a total population of {{ context.total_population }} in 2016.

- Wigan is ranked {{ context.deprivation_rank }} most deprived local authority in England
- {{ context.child_population }} children and young people in the Borough
- Number of children Looked After by the local authority {{ context.looked_after }}
- Number of young people left care : {{ context.care_leavers }}
- Number of children adopted : {{ context.adoptions }}
- {{ context.ethnic_minority }} from ethnic background other than White British
- {{ context.first_language }} speaking a first language other than English
- {{ context.free_school_meals }} of school children across the Borough are eligible for free school meals, but 34% in the 3% most deprived areas
- Infant mortality rates are in line with the national average – current figures show that there are {{ context.infant_mortality }} deaths per 1,000 live births in Wigan, compared to 3.9 deaths per 1,000 live births in England.
- A range of health providers including one Acute Trust, one Community Healthcare Trust and a Clinical Commissioning Group that oversees {{ context.gp_practices }} GP practices
- Mental health care is provided to children and young people by both Bridgewater NHS Foundation Trust and North West Boroughs Health via a ‘Single Point of Access’ referral route.
- {{ context.schools }} maintained schools (19 Academies), 6 special schools and 1 pupil referral unit. In addition we have a Free School; a UTC (University Technical College), 2 Charity/Trust (independent) funded schools and 5 Start Well Family Centres (Sure Start Children’s Centre’s).
- Wigan's population is increasing (up 1.7% at the 2011 census) but at a slower rate than both England (up 4.1%) and the North West (up 2.3%)

### Wigan Safeguarding Children Board Vision

- Wigan believes in its children and young people. In Wigan, children should be supported to grow and live in a safe environment where all aspects of the community work together to protect them from all forms of harm.
- The aims of the Wigan Safeguarding Children Board is to co-ordinate and ensure the effectiveness of what is done by each of the Board’s partners, individually and collectively for the purpose of safeguarding and promoting the well-being of children and young people in Wigan.
- Wigan Safeguarding Children Board is aware that to meet the needs of the children and young people that it serves, it has a crucial role in ensuring that anyone from the borough has equality of access to services that they need. Services must be active in identifying needs, and commit to continuous improvement that rigorously examines whether systems of support are accessible and meet children and young people’s needs.
- Wigan Safeguarding Children Board carries out statutory and non-statutory duties, but underpinning both is the commitment to evaluation of its practice and providing challenge and a collaborative model of working to guard against any child in the borough experiencing preventable disadvantage or harm.

### Wigan Safeguarding Children Board Key Priorities for 2016/2017

Wigan Safeguarding Children Board set key strategic issues

{{ priorities.list }}
"""

GOVERNANCE = """\
### What is Wigan Safeguarding Children Board?

The Children Act 2014 and the Local Safeguarding Children Board (LSCB) Regulations 2005 required all Local Authority Areas to establish statutory LSCBs.

LSCBs are required to coordinate and ensure the effectiveness of local arrangements and services to safeguard and promote the welfare of children in their area. Further, under Working Together 2015 there is a requirement for Safeguarding Children Boards to publish Annual reports on their performance.

Wigan Safeguarding Children Board has undergone significant change over the last 12-18 months and has used this opportunity to develop robust governance, quality assurance and reporting mechanisms. The Board brings together organisations from across the borough who are committed to keeping children and young people safe to create a strong, mutual partnership where organisations can develop their practice and offer supportive challenge.

Wigan Safeguarding Children Board also offers a broad range of training across the partnership, accessible to all partners, and that is free of charge to community and voluntary sector organisations. The Training Offer from the Board addresses all aspects of the Board’s response to local and national learning, and allows timely dissemination of learning.

The objective of Wigan Safeguarding Children Board:

Wigan Safeguarding Children Board is committed to ensuring the effectiveness of the work undertaken by each partner organisation in relation to safeguarding and promoting the welfare of children in Wigan.

We aim to do this in two ways:

To coordinate local work by

- Ensuring that policies and procedures related to Safeguarding are appropriate for purpose, robust and accessible.
- To work in partnership with the Children’s Trust to participate in the planning of services for children in Wigan.
- Communicating the key messages about how everyone can promote the welfare of children, and explaining how this can be done.

And in order to ensure the effectiveness of that work the Board:

- Monitors the work undertaken by partner organisations to safeguard and promote the welfare of children.
- Undertakes Serious Case Reviews, Local Case Reviews and Local Learning Reviews, and sharing learning from these reviews.
- Collects and analysing information about child deaths.
- Publishes an annual report on the effectiveness of local arrangements to safeguard and promote the welfare of the children of Wigan.
"""

GOVERNANCE_KEY_ROLES = """\
There are some key roles on Local Safeguarding Children Boards (LSCB), which are laid down in the Working Together 2015 guidance. These are:

#### Independent Chair

It is expected that all LSCBs appoint an Independent Chair who can bring expertise and a clear guiding hand to the Board, to make sure that the LSCB fulfils its roles effectively. Wigan Safeguarding Children Board welcomed this role, as having an Independent Chair frees up all the members to participate on an equal footing, without any single agency having the added influence of chairing the Board. The Independent Chair of both Wigan Safeguarding Children Board and also Wigan Safeguarding Adult Board is Dr Paul Kingston.

#### Director of Children and Families Services

The Director of Children Services is required to sit on the main Board of WSCB, as this is a pivotal role in the provision of education and children’s social care in Wigan Borough. This post is held by James Winterbottom. The Director of Children’s Services has a responsibility to make sure that the WSCB functions effectively and as such will liaise closely with the Independent Chair.

#### Local Authority Chief Executive Officer

The ultimate responsibility for the effectiveness of the WSCB rests with the Chief Executive of Wigan Borough, Donna Hall. The Director of Children’s Services is answerable to the Chief Executive, who forms the final link in this chain of accountability.

#### Lead member

The elected councillor who has responsibility for children and young people, known as the Lead Member, sits on the board as a ‘participating observer’. This role is held by Councillor Jenny Bullen. The Lead Member’s role is to scrutinise WSCB and challenge it, if necessary from her political position, as a representative of the elected members and Wigan communities.
"""

GOVERNANCE_ATTENDANCE = """\
The Board and its subgroups generally experiences good attendance and this is monitored. The chart below shows attendance at the Board in 2016/2017.
"""

STRATEGIC_OBJECTIVES = """\
Over 2016-2017 Wigan Safeguarding Children Board maintained the same strategic priorities as set out in the Business Plan for 2015-18.

Wigan Safeguarding Children Board is committed to developing strategy that is responsive first and foremost to the issues affecting the prevention of harm to children in the borough, and in order to do this the Board utilises a range of information including :

- Learning from Serious Case Reviews and Local Case Reviews
- Learning from national reviews of practice
- Wigan’s performance data around key areas such as child protection plans, looked after children, children in need, and Early Help data.

Each Strategic Objective was underpinned by a series of Key Objectives:
"""

P1 = """\
- The board has reviewed its sub-group structure again, and developed a Case Review task group to activate the action plans from Serious Case Reviews, and Local Case Reviews in a manner that speed up taking learning to into practice outcomes.
- Through the work of the Learning and Improvement Sub Group, the WSCB Executive and WSCB receive activity reports, presented as a range of dashboards that provides Board Members with an intelligent data set which assists strategic decision making.
- The Board support team and mechanisms continue to become more aligned across both WSCB and Wigan Safeguarding Adult Board work. This prepares the Board for when the local impact of both the Wood Report and Child and Social Work Bill is clearer later in 2017 / 2018.
- The Board has continued to strengthen the relationship between its work and the quality assurance frameworks that exist in partner organisations. Over 2016-17 the Board has worked closely with the CCG and Local Authority Children’s Services in relation to the issue of Child and Adolescent Mental Health Service provision.
- The Board has increased awareness of its role across the partnership, and beyond in 2016-17, through significantly increasing its profile through events, social media and campaign.
"""

P2 = """\
- The Board has been a key partner in developing the development of The Deal for Children, and has engaged this strength based / relational approach throughout its policies and work.
- The Board partnership has worked collaboratively on the creation and embedding of the Start Well model, and the development of the Service Delivery Footprints.
- Over 2016-17 the Board has been provided with an increasingly refined and insightful set of Early Help data to assist decision making and scrutiny.
- With the commitment of Board partners, the Board has facilitated several multi-agency thematic audits to augment the learning from Serious Case Reviews or to address immediate safeguarding concerns with a particular cohort of young people, for example those who are electively home educated, children who are on a child protection plan for a second time etc.
- The Board facilitated an Annual Conference in March 2017 for over 180 delegates, with the agenda being based on developing an early intervention, relationship based approach to safeguarding which aligns with Early Help processes.
- The implementation of Operation Encompass has been supported by WSCB in updated Safeguarding Training to schools.
- The Board has had an active role in the improvement of Child and Adolescent Mental Health services in the borough over 2016-7, and has been a key partner in the CAMHS recovery plan.
"""

P3 = """\
- The safeguarding children board has led the ongoing development of the Multi Agency Safeguarding Hub, and the evaluation of this approach. Through joint across with Board, the MASH has developed into a successful model of partnership working and facilitates joined up responses at an early stage of any referral. Importantly, as the MASH has evolved, there is proving the successfully how the approach provides a link across the traditional transitional age boundaries that sometimes stymie information flow.
- WSCB has developed a revised CSE Strategy and a new Wigan Neglect Strategy over 2016-2017. These strategies are both based upon a strengths focussed partnership approach to working with children and their families at whichever point in their lives they require support from the Board partner organisations.
- WSCB has supported the Achieving Change Together innovation funded project through hosting briefings for the children’s workforce at which awareness of ACT has been promoted and at a more strategic level the board has received reports on the activity of the project.
"""

P4 = """\
- WSCB has a well-established Communication and Engagement Strategy, and a Sub Group driving forward the work stream in this area, chaired by the Cabinet Portfolio for Children and Young People.
- The 2017 OFSTED inspection of the Board fed back their observation that having young person representation on the Communication and Engagement Sub Group showed commitment to achieving collaboration.
- Over 2016-17 WSCB has actively led and developed direct engagement with young people. For example, the ‘Safe Pitch’ event at Wigan Youth Zone in August 2017 was an innovated launch of the Board’s approach to collaborative co-design. At this event, two groups of young people presented their ideas of how they would like to improve safeguarding issues that affect them in their communities to a group of selected officers and managers from the local authority, who can work with the young people and support them to drive forward their ideas.
- WSCB has continued to host successful community engagement lunches immediately before Board meetings. These informal discussions have allowed Board partner agencies to identify opportunities to contribute resources and time to the great work being done in the community and voluntary sector, and to bring the networks closer together.
- WSCB is at the forefront of nationally significant work with the Rugby Football League (RFL) which progressed from a Local Case Review undertaken by the Board in 2016. The Board recognises the fantastic community resource and contribution to fitness and wellbeing of children that local amateur sporting clubs provide. The local case review identified great benefit in strengthening the links, both formally and informally between the statutory organisations and amateur clubs. WSCB have delivered bespoke training to all Club Welfare Officers across the borough in the 19 amateur clubs, facilitated better referral pathways for Club Welfare Officers to the Early Help Hub, and developed awareness of adolescent mental health across the sport by presenting at the RFL National Safeguarding Conference.

The commitment that Wigan Safeguarding Children Board has shown to promoting the emotional health and wellbeing of young people who play rugby league across the borough - in terms of awareness raising, training for Club Welfare Officers and helping to join support networks up around young people - is great. It is an impressive innovative and forward thinking approach to working with the existing safeguarding frameworks in sport. As a national governing body, we look forward to continuing our partnership with Wigan Safeguarding Children Board as we look to provide the best welfare support and safeguarding we can to young men and women playing our sport.” - Colette Eden, Safeguarding Manager, RFL.

- WSCB has promoted key safeguarding messages through a variety of community events over 2016 /2017 including at Wigan business Expo 2017, Wigan Pride, National Play Day, local carnivals and at events run by Board Partners.
- WSCB has commenced a full redesign of the Board website in 2016-17 (to be completed early 2018) to improve accessibility, resources and the structure of the site.
- The Board has established links with Wigan Athletic FC over 2016-17, delivering training to coaches and the Club’s Community Foundation.
"""

P5 = """\
- WSCB has written a Workforce Development Strategy through the work of the training and development subgroup. This new strategy embeds models of reflective practice, direct observations of practice, quality assurance underpinned by the Kirkpatrick model of taking learning into practice outcomes.
- WSCB has continued to offer schools across the borough a suite of high quality training, with 83% of the education settings signed up to receive online training and / or face to face training.
- WSCB commissioned specialist training for 92 people from Professor David Shemmings (‘A New Mindset’) regarding the impact of early life experiences.
- The Board has created and distributed a series of ‘7 minute briefings’ responding to learning from Serious Case Reviews, and thematic issues.
- WSCB has reviewed the scope and breadth of the e-learning offer, linking the current offer to evidence based learning from reviews and quality assurance processes.
"""

P6 = """\
- Over 2016 / 17 there has been continuous improvements to the Learning and Improvement activity of the Board. This has included improving the activity reporting pathways and presentation of information on ‘dashboards’ for the Board to consider.
- The board has had a year in which there was considerable Serious Case Review activity – as a result the Board created a Case Review Group to drive forward the action plans and to bring a bring the learning into practice more quickly than previously.
"""

PERFORMANCE = """\
The WSCB and the Children’s Trust work together to improve outcomes for the children and families in the Wigan Borough. The Board continues to develop its oversight of performance, and has tasked its Learning and Improvement team to look at data held by partners to understand how it can evidence the impact of the Board’s work.

Currently, a range of specific outcomes are scrutinised on a regular basis, and these will be added to as data becomes available.

- Improved outcomes for children in care, on a child protection plan or on a child in need plan delivered by Wigan Council’s Children’s social care team and their multi-agency partners.
- Improved outcomes for children in families identified as Confident Families under the Department of Communities and Local Government’s Troubled Families Programme.
- Improved outcomes delivered through our Early Help and our Early Intervention and Prevention services.
- Improved outcomes for those young people who are subject of a Child Protection Plan for a second time.
- Improved outcomes for children who are from homes where they have witnessed Domestic Abuse.
"""

LADO = """\
The Wigan Safeguarding Children Board has a duty to ensure that all allegations of abuse or maltreatment of children by a professional, staff member, foster carer, or volunteer are taken seriously and treated in accordance with consistent procedures. The Board ensures that there are effective inter-agency procedures in place for dealing with allegations against people who work, or volunteer with children, and monitoring and evaluating the effectiveness of those procedures.

Working Together 2015 states that Procedures must be in place to deal with an allegation may relate to a person who works with children who has:

- behaved in a way that has harmed a child, or may have harmed a child;
- possibly committed a criminal offence against or related to a child; or
- Behaved towards a child or children in a way that indicates they may pose a risk of harm to children.

The LADO team identify their specific responsibilities as:

- To be involved in the management and oversight of individual cases.
- To provide advice and guidance to employers and voluntary organisations.
- To monitor the progress of cases in order to ensure that they are dealt with as quickly as possible.
- To maintain information databases in relation to allegations and to produce quantitative and qualitative reports.
- To contribute to the LSCB interagency training programmes and awareness training across the agencies.

The LADO provides an annual report to the Wigan Safeguarding Children Board to ensure appropriate oversight and scrutiny of activity.
"""

EARLY_HELP = """\
The Early Help process is a strengths based approach that promotes co-operation between the Local Authority and all partners in order to assess need, plan intervention and achieve positive outcomes for children and families. The WSCB Threshold of Need document has clear Early Help guidance, embedding the Early Help process across level 1, 2 and 3, encouraging improved partnership engagement. Startwell drives forward Early Help as an umbrella process for addressing need at levels 1-3 but partners may use the process independently from the Local Authority and form their own multi-agency teams around children and families.

Quality Assurance for Early Help is overseen by the Learning and Improvement Team and the multi-agency Startwell Quality Assurance group. A prior area of concern has been around the low completion rate of Early Help assessments and plans amongst partners. In 2013, on implementation, the Gateway (now Startwell) Service adopted the Early Help assessment as their initial tool for identifying need and supporting families. The 2014/2015 reporting period evidenced a need to further embed awareness of Early Help, and therefore increase usage of the approach. However, 2015/2016 showed a consolidation and increase in engagement by all agencies and this increase continued in 2016/2017. A great deal of effort has gone into driving forward awareness of Early Help across the partnership; through training, locality briefings, presentations and audit activity. This has provided Wigan Safeguarding Children Board with the assurances required to make it clear that the approach is enabling partners, as well as the Local Authority to identify need at an earlier stage and providing a framework for strengths based interventions.
"""

CDOP = """\
Wigan remains committed to the tripartite arrangements for the Child Death Overview Panel (CDOP) along with Bolton and Salford and the Safeguarding Board team attends each of the bi-monthly meetings of the panel. The Independent Chair of CDOP produces an annual report and this will be presented to Wigan Safeguarding Children Board in November 2017.

The Board responded to the 2015-16 CDOP annual report with the creation of an Action Plan which is monitored by through the Learning and Improvement Sub Group. This takes into account the learning from two key pieces of learning published during the year; The National Confidential Enquiry on Suicide in Children and Young People (HQIP 2016) and the PHE report on Infant Mortality.

Learning from CDOP processes has formed the basis of some the topical input to Locality briefings, for example regarding subjects of safe sleep and of adolescent mental health.
"""

CASE_REVIEWS = """\
A Serious Case is defined as when:

- Abuse or neglect of a child is known or suspected,
- Either if the child has died or has been seriously harmed and there is cause for concern as to the way in which the Local Authority, their Board Partners or other relevant persons have worked together to safeguarding children.

Local Safeguarding Children Boards are required to consider undertaking a review of these serious cases. These reviews are called Serious Case Reviews (SCRs). The purpose of a SCR is to establish whether there are lessons to be learnt from the case about the way in which professionals and organisations work together to safeguard and promote the welfare of children.

In 2016/2017 Wigan Safeguarding Children Board commissioned one Serious Case Review which was presented to the Board by the Independent Author in April 2017.
"""

ENGAGEMENT = """\
### Engagement with Children and Young People

In 2016-2017 Wigan Safeguarding Children Board has made significant progress in consulting with young people around their experiences of safety and wellbeing, and in them co-designing the ways in which WSCB communicates with children and their families.

“The Board is engaging well with children and seeks to ensure their involvement in business plan objectives…...….The website provides a good level of accessible information to parents, children and professionals, and work is under way to develop it in order to raise the profile of the Board in the wider community.” – OFSTED Review of the effectiveness of the Local Safeguarding Children Board, Feb 2017

The work of the communication and engagement sub group has included a young person led analysis of digital communication methods, and liaison with young people through lunches that bring together board members and children in an informal setting to discuss what they see as the important safeguarding issues for them.

In 2016-17 the Safeguarding Children Board Team went through an extended period where staffing resource issues impacted on the capacity for direct engagement activities with young people. Nonetheless over 2016 / 2017 the board has been involved in a wide variety of work with young people:

- WSCB have provided information into the CSE Week of Action events.
- The Board has distributed information to schools through several routes.
- Increased social media presence using Twitter.
- Workshops with young people and staff in Wigan’s colleges around healthy relationships & sexting.
- Work done by Wigan Safeguarding Children Board in children’s homes with young people and staff around safe use of social media, sexting and healthy relationships.
- Attendance at community ‘Have Your Say’ events to raise awareness of Wigan Safeguarding Children Board and our response more locally.
- WSCB attendance at school parents evenings to address safeguarding awareness issues with parents.

The young people who have attended the engagement sessions have also provided some valuable insight into how young people experience well-being support in education, and helped the Board identify how the accessibility of emotional and mental health support can be improved in 2016/2017.

### Engagement with Professionals

#### Annual Conference

The 2017 WSCB Annual Conference was attended by over 200 professionals and gave the Board an opportunity to increase awareness around adolescent mental health, the learning from the Board’s most recent Local Case Review, the progression of place based working and Public Sector Reform in relation to safeguarding, and a number of other key themes.

Delegates were also given the opportunity to take part in a workshop presented by AFTAthought, an established partner of the Safeguarding Board, which posed a series of challenging questions and explored professionals practice around domestic abuse.

#### Locality Briefings

Throughout the year, the Board held a series of locality briefings ensuring for over 600 professionals across the borough that followed on from the Annual Conference and brought the learning themes to a local practice focus.

### Engagement with the Community

Over 2016/2017 Wigan Safeguarding Children Board has developed an increased social media presence through Twitter, and through the Board’s Communication and Engagement Sub Group it has developed shared plans and strategy to engage the community through what would be classed as ‘single agency’ events such as school parents evenings.

The Board has continued to have a strong presence supporting local service provider’s events; this has included having information stands at National Play Day, at events run by My Life charity, summer festivals and carnivals across the borough and the first Wigan Pride event in 2016.

Also over the last year, Wigan Safeguarding Children Board has also continued to develop strong community and voluntary sector engagement through offers of training and safeguarding policy support to several social enterprises and charities. At the forefront of this has been the work detailed elsewhere in this report regarding local amateur rugby league and the work to support Wigan Athletic FC train their coaches and academy staff around safeguarding. Over 2016-17 the Board has also worked directly with individual licenced premises to promote awareness of their responsibilities to safeguard children who may attend Under 18’s events and to train staff.

The central Wigan Safeguarding Board staff have also donated their volunteer days, supported by Wigan Council, to support local initiatives at Greenslate Farm.
"""

NEXT_YEAR = """\
The recent OFSTED inspection highlighted the areas in which the Board are making good progress, and endorsed the positioning of the board in taking a life-course view of Safeguarding. Areas of development identified by the Board were shared with OFSTED and are built into an Action Plan which will drive the Boards development over 2017-2020. At the core of this action plan is the creation and implementation of thematic priorities that are more aligned to practice.

The distinct statutory responsibilities of the Safeguarding Adult Board and the Safeguarding Children Board will continue to drive forward each Board respectively. However, the last year or so has seen the boards align closely on case review methodology, how performance data is gathered and presented, a joint workforce development strategy and so on. The Safeguarding and Partnerships team are in the process of a restructure to capitalise on this combined approach.

The Wigan Council ‘Deal’ imbues an asset based approach, and this underpins the significant investment from the Safeguarding Children Board in developing strong links with community organisations. This area of work has seen great progress over 2016, and will continue into 2017- 18, developing a community that is aware of everyone’s capacity to influence the safety and wellbeing of children at risk of harm.

The implementation of a WSCB Neglect strategy aligned with the Greater Manchester Neglect Strategy, a new Child Death Overview Panel Action Plan and a review and refresh of the Missing from Home policy are three areas that will form much of the Board’s agenda over the remainder of 2017. Importantly, these and other practice responsive strategies will underpin the way in which the Board influences and supports the workforce across the partnership in 2017-18.

The Board also has ongoing Serious Case Review activity that runs over the year end into the 2017-18 period; currently there is one SCR in progress which will be finalised in summer 2017.

Overall, the Board is well positioned for the coming year to continue to lead, assure and learn from practice across the partnership, and in preparation for the upcoming changes which will follow the ‘Wood Report’ and Children and Social Work Bill.
"""

TRAINING = """\
The Training and Development Sub Group oversee the training provided by the Board. The Sub Group chaired by the Assistant Director for Safeguarding from Wigan Borough Clinical Commissioning Group.

Safeguarding training offered by the Board is continually reviewed and updated as a result of learning from reviews and case audits. For 2015, the WSCB training programme has been made available via the WSCB website rather than published. This is to ensure it is easily accessible to a wider audience and is regularly updated with regards to course availability and venue.

Ofsted framework (Ofsted, 2013) requires that ‘opportunities for learning are effective and properly engage all partners’ and that the LSCB has ensured that ‘sufficient, high quality training is available and evaluates its effectiveness and impact on improving frontline practice and the experiences of children, young people, families and carers. All LSCB members support access to the training opportunities in their agencies.’

The current challenge for WSCB has been to discharge their multi-agency training and staff development role during a period of organisational instability ensuring that training provides value for money as budgets come under increasing pressure across the public sector and meeting the aspirations of Working Together 2013 and the Ofsted framework.

Over 2016-17 WSCB continued to have a blended learning approach in partnership with Virtual College. Basic awareness (Level one) courses have been via e learning. WSCB have had responsibility for multi-agency and community sector training with level one training the responsibility of single agencies.

This report covers Virtual College, e-learning, face to face courses and training data and analysis.

### Face to face Courses

Data from Virtual College 1st April 2016 to 7th March 2017 showed that {{ training.stated.booked }} places were booked for training however the attendance rate was {{ training.stated.attended }}. {{ training.stated.cancelled }} places were cancelled and {{ training.stated.did_not_attend }} failed to attend. The numbers however do not add up, indicating a potential recording issue which will be addressed in 2017-18.

1124 less people attended training in 2016/17, a decrease of 40% from the year before. This can be accounted for in part by the unavailability of the Level 3 course due to a review of the course and absence of trainers as this course regularly attracted numbers of around 500, however it does include the Safeguarding Adults courses generating around 100 participants which have not been the remit of WSCB/WSAB training until June 2016. The decision by health partners to deliver their own training in accordance with the Inter-Collegiate Safeguarding Guidance has relieved the demand on places but also means as partners they are now unavailable to deliver this course on behalf of WSCB.

A partnership with the Council licensing authority commenced in February 2017 has continued and to date over {{ training.activity.taxi-drivers-disability-awareness-and-cse.people }} taxi drivers have been trained in disability awareness and child sexual exploitation.

The number of children and young people trained has fallen from {{ training.activity.children-and-young-people-trained.previous_people }} in 2015/16 to {{ training.activity.children-and-young-people-trained.people }} in 2016/17. This is a direct result of the Training and Engagement Officer post being vacant for 9 months as referred to elsewhere in this report. Requests for training pupils in school on e -safety have broadly been unable to be met.

Impact reports for some of the training courses were produced in preparation for the OFSTED inspection in January 2017, and this quality assurance process will continue for future courses.

The tables below outline training activity. Table one shows data for 2016-17 and agreements regarding training for 2017/18.

In 2016/17 33 individual courses were planned, some with multiple dates. Currently only 14 individual courses have been agreed which represents a 40% drop in planned courses

As a result of the work WSCB continues to do to engage community organisations ; the Board over 2016-17 received an increase in requests for training from the community sector, for example sports and other organisations directly engaging with young people.
"""

TRAINING_CANCELLATIONS = """\
There has been an increase in the number of cancelled courses in 2016/17 as seen in the table below

A total of {{ training.sessions_cancelled_stated }} courses were cancelled. This equates to over 40%

{{ training.cancelled_stated.lack_of_participants }} were due to lack of participants and {{ training.cancelled_stated.room_unavailable }} were due to Ofsted requiring the room (one of these was deferred and alternative date made available)

{{ training.cancelled_stated.trainer_unavailable }} courses were due to trainer availability. This is due to staff leaving the borough but also where there are competing demands on trainer’s time, especially when trainers are in a senior position and no back up trainer has been identified.
"""

TRAINING_SCHOOLS = """\
Training for schools continued to be provided through a Service Level Agreement and individual spot purchase over 2016/17. The programmes assist education settings in meeting their OFSTED inspection criteria, the requirements of Working Together to Safeguard Children 2015 and of Keeping Children Safe in Education 2016. Level one, whole school training was provided to {{ training.activity.level-one-whole-school-training.settings }} schools ({{ training.activity.level-one-whole-school-training.people }} staff, volunteers and governors).
"""

TRAINING_ELEARNING = """\
WSCB/WSAB have {{ elearning.licences_purchased }} licenses to use per year across a suite of 12 modules chosen from a list of 54 modules.(see course list) Modules are selected on the basis of the learning needs of partners and staff development. In addition an additional 5 modules are able to be requested at a cost of an additional £12.50plus VAT per license. This results in an average additional cost of £1500 per year.

{{ elearning.stated_allocated }} licenses were allocated 1st April 2016 to 7th March 2017, {{ elearning.stated_completed }} of these were completed. The completion rate has risen by 7.5% over the past year, potentially due to the notification to applicants that a £25 charge could be applied for non-completion of each module. The system has also now been set up with reminders at 14 and 28 days to complete or face charges. The completion rate now stands at {{ elearning.stated_completion_rate }} which is above the average. The cost per license has fallen from {{ elearning.previous_cost_per_licence }} to {{ elearning.cost_per_licence }} over the past year.

WSCB also have 5000 licenses per year at no cost for the Safeguarding in Education module. Schools can now be directed to register for this module.

Modules in package with courses completed 1st April 2016 to 7th March 2017.
"""

TRAINING_SUB_GROUP = """\
The training sub group has met regularly throughout the year, combining with WSAB during the year. The terms of reference have been revised and a standardised presentation with agreed slides to be used across all courses has been agreed. The training strategy and plan is being developed. All training packages are to be ratified by the training sub group.
"""
