#!/usr/bin/env python3
"""Generate the demo inputs: 丰城市2018年政府信息公开工作年度报告 (format xxgk-2018).

The project was created from one real document, the 2018 annual report of 丰城市
(tests/data/seed/fengcheng-2018.txt).  This script writes the inputs from which nianbao
rebuilds it: inputs/report.xml (the compiling office's file: title, roster of 44 departments
and 32 townships/streets, the narrative of sections 一 and 三 to 七) and one submission per
roster agency under inputs/submissions/<code>.xml (its figures for the 统计表 and, for the lead
units of the 重点领域, its sub-section of section 二).  The XML files are committed: they are
what the clerks would drop in; this script only documents how they were made.  Python 3
standard library only and deterministic (fixed random seed): running it twice gives
byte-identical files.

Figures.  The merged table must give what the seed report states (formats.md §8):
  active_items 8655, every item through the website (channel_website 8655);
  requests_received 4947, all online (requests_online), replies 4947;
  trainings 2 (held locally; the 4 attended outside are a narrative fact), trainees 268;
  budget 18.3万元 (15万元 to rebuild the disclosure system + 3.3万元 upkeep a year: both owned by
  丰城市信息中心, which runs the system).
Those totals are split over the agencies by fixed weights (largest remainder), so the sums are
exact.  Figures the seed does not state (normative documents, press conferences, staff,
reading points …) are illustrative and modest; reviews, suits, complaints and fees are 0.
Each submission satisfies the rules of templates/xxgk-2018/format.xml by construction
(normative <= items, each channel <= items, leaders <= totals), and computed rows are written
in some files and left out in others.

Narrative.  Every fact of section 二 is in the submission of the agency that owns it, written
in our own words with the seed's facts and figures; numbers that are statutory figures are
placeholders ({{stats.active_items}} …), so the text cannot drift from the table; the
sentences of section 三, made of figures only, are in the document template.  The
seed states 466场 / 77.2亿元 twice; here they are the 公共资源交易中心's, written once.

Usage:  python3 scripts/gen_example_2018.py [--out DIR]     (DIR defaults to <repo>/inputs)
"""

import random
from decimal import Decimal
from pathlib import Path

from example_xml import (attrs, contact_and_time, fresh_submissions, is_zero, out_folder, report_lines, report_text,
                         submission_head, submission_text, write)

SEED = 20180101
FORMAT = "xxgk-2018"
YEAR = 2018

# Rows of the table `stats` in print order; computed rows and what they sum
# (templates/xxgk-2018/format.xml is the source of truth).
ROWS = [
    "active_items", "active_normative", "normative_issued",
    "channel_gazette", "channel_website", "channel_weibo", "channel_wechat", "channel_other",
    "response_hotspots", "press_conferences", "press_conferences_leaders",
    "online_interviews", "online_interviews_leaders", "interpretations",
    "social_media_responses", "other_responses",
    "requests_received", "requests_in_person", "requests_fax", "requests_online", "requests_letter",
    "requests_closed", "closed_on_time", "closed_extended",
    "replies", "reply_already_public", "reply_granted", "reply_partial", "reply_denied",
    "denied_state_secret", "denied_commercial_secret", "denied_privacy", "denied_safety",
    "denied_not_gov_info", "denied_other_law",
    "reply_not_this_agency", "reply_not_exist", "reply_correction", "reply_other_channel",
    "reviews", "review_upheld", "review_corrected", "review_other",
    "suits", "suit_upheld", "suit_corrected", "suit_other",
    "complaints", "fees_collected",
    "offices", "reading_points", "staff", "staff_full_time", "staff_part_time", "budget",
    "meetings", "trainings", "trainees",
]
SUMS = {
    "requests_received": ["requests_in_person", "requests_fax", "requests_online", "requests_letter"],
    "requests_closed": ["closed_on_time", "closed_extended"],
    "reply_denied": ["denied_state_secret", "denied_commercial_secret", "denied_privacy",
                     "denied_safety", "denied_not_gov_info", "denied_other_law"],
    "replies": ["reply_already_public", "reply_granted", "reply_partial", "reply_denied",
                "reply_not_this_agency", "reply_not_exist", "reply_correction", "reply_other_channel"],
    "reviews": ["review_upheld", "review_corrected", "review_other"],
    "suits": ["suit_upheld", "suit_corrected", "suit_other"],
    "staff": ["staff_full_time", "staff_part_time"],
}
MONEY = {"fees_collected", "budget"}

# The seed's merged figures (formats.md §8).
TOTAL_ITEMS = 8655
TOTAL_REQUESTS = 4947
TOTAL_TRAINEES = 268

# ---------------------------------------------------------------------------------------------
# Roster.  The lead units of the 重点领域 come first, in the order of the report's section 二:
# the template gathers their highlights under their titles in roster order.
#   items = weight for the share of the 8655 items, req = weight for the share of the 4947
#   requests; extra = figures of this agency beyond the shares.
# ---------------------------------------------------------------------------------------------
def dept(code, name, items, req, **extra):
    return dict(code=code, name=name, kind="department", items=items, req=req, extra=extra)


def town(code, name, items, req, **extra):
    return dict(code=code, name=name, kind="township", items=items, req=req, extra=extra)


AGENCIES = [
    dept("FC001", "丰城市人民政府办公室", 60, 40,
         active_normative=9, normative_issued=9, response_hotspots=6, press_conferences=6,
         press_conferences_leaders=2, online_interviews=2, online_interviews_leaders=1,
         interpretations=12, social_media_responses=8, meetings=1),
    # Runs the website, the disclosure system and the office of the leading group.
    dept("FC002", "丰城市信息中心", 45, 10,
         offices=1, staff_full_time=2, budget="18.3", trainings=2),
    dept("FC003", "丰城市行政服务中心", 30, 55, interpretations=3),
    dept("FC004", "丰城市财政局", 28, 60, active_normative=2, normative_issued=2, interpretations=4),
    dept("FC005", "丰城市住房和城乡建设局", 26, 160, active_normative=2, normative_issued=2,
         interpretations=3),
    dept("FC006", "丰城市公共资源交易中心", 40, 30),
    dept("FC007", "丰城市发展和改革委员会", 30, 45, active_normative=1, normative_issued=1,
         interpretations=3),
    dept("FC008", "丰城市扶贫和移民办公室", 22, 90, interpretations=2),
    dept("FC009", "丰城市国有资产监督管理办公室", 12, 20),
    dept("FC010", "丰城市环境保护局", 24, 120, interpretations=2),
    dept("FC011", "丰城市食品药品监督管理局", 20, 70, interpretations=2),
    dept("FC012", "丰城市民政局", 22, 130, active_normative=1, normative_issued=1, interpretations=2),
    dept("FC013", "丰城市教育局", 30, 260, active_normative=1, normative_issued=1, interpretations=3),
    dept("FC014", "丰城市科学技术局", 10, 10),
    dept("FC015", "丰城市工业和信息化委员会", 16, 30),
    dept("FC016", "丰城市公安局", 26, 300, response_hotspots=2, social_media_responses=4),
    dept("FC017", "丰城市司法局", 12, 40),
    dept("FC018", "丰城市人力资源和社会保障局", 26, 330, active_normative=2, normative_issued=2,
         interpretations=4),
    dept("FC019", "丰城市国土资源局", 22, 220, active_normative=1, normative_issued=1),
    dept("FC020", "丰城市交通运输局", 16, 80),
    dept("FC021", "丰城市水利局", 14, 40),
    dept("FC022", "丰城市农业局", 18, 70, interpretations=2),
    dept("FC023", "丰城市林业局", 12, 30),
    dept("FC024", "丰城市商务局", 12, 25),
    dept("FC025", "丰城市文化广电新闻出版局", 16, 30, reading_points=1),  # 市图书馆
    dept("FC026", "丰城市卫生和计划生育委员会", 22, 180, interpretations=2),
    dept("FC027", "丰城市审计局", 10, 10),
    dept("FC028", "丰城市统计局", 12, 10),
    dept("FC029", "丰城市安全生产监督管理局", 14, 30),
    dept("FC030", "丰城市市场和质量监督管理局", 22, 150, response_hotspots=1),
    dept("FC031", "丰城市城市管理局", 16, 160, social_media_responses=3),
    dept("FC032", "丰城市城乡规划局", 12, 60),
    dept("FC033", "丰城市物价局", 10, 25),
    dept("FC034", "丰城市粮食局", 8, 10),
    dept("FC035", "丰城市民族宗教事务局", 6, 5),
    dept("FC036", "丰城市人民防空办公室", 6, 5),
    dept("FC037", "丰城市旅游局", 10, 10),
    dept("FC038", "丰城市人民政府金融工作办公室", 8, 10),
    dept("FC039", "丰城市人民政府法制办公室", 8, 15),
    dept("FC040", "丰城市机关事务管理局", 8, 5),
    dept("FC041", "丰城市档案局", 8, 10, reading_points=1),  # 市档案馆
    dept("FC042", "丰城市供销合作社联合社", 6, 5),
    dept("FC043", "丰城高新技术产业开发区管理委员会", 16, 40),
    dept("FC044", "丰城市资源循环利用产业基地管理委员会", 12, 20),
    town("FC101", "剑光街道办事处", 12, 45),
    town("FC102", "河洲街道办事处", 12, 45),
    town("FC103", "剑南街道办事处", 11, 40),
    town("FC104", "孙渡街道办事处", 10, 35),
    town("FC105", "尚庄街道办事处", 10, 35),
    town("FC106", "小港镇人民政府", 9, 30),
    town("FC107", "白土镇人民政府", 9, 30),
    town("FC108", "袁渡镇人民政府", 8, 25),
    town("FC109", "石滩镇人民政府", 9, 30),
    town("FC110", "张巷镇人民政府", 9, 30),
    town("FC111", "杜市镇人民政府", 8, 25),
    town("FC112", "淘沙镇人民政府", 8, 25),
    town("FC113", "秀市镇人民政府", 8, 25),
    town("FC114", "桥东镇人民政府", 8, 25),
    town("FC115", "洛市镇人民政府", 8, 25),
    town("FC116", "铁路镇人民政府", 8, 25),
    town("FC117", "丽村镇人民政府", 8, 25),
    town("FC118", "荣塘镇人民政府", 8, 25),
    town("FC119", "拖船镇人民政府", 8, 25),
    town("FC120", "泉港镇人民政府", 8, 25),
    town("FC121", "董家镇人民政府", 8, 25),
    town("FC122", "隍城镇人民政府", 8, 25),
    town("FC123", "梅林镇人民政府", 8, 25),
    town("FC124", "曲江镇人民政府", 9, 30),
    town("FC125", "上塘镇人民政府", 9, 30),
    town("FC126", "筱塘乡人民政府", 7, 20),
    town("FC127", "段潭乡人民政府", 7, 20),
    town("FC128", "蕉坑乡人民政府", 7, 20),
    town("FC129", "石江乡人民政府", 7, 20),
    town("FC130", "荷湖乡人民政府", 7, 20),
    town("FC131", "湖塘乡人民政府", 7, 20),
    town("FC132", "同田乡人民政府", 7, 20),
]

# How each agency's requests were answered (shares of 100); the rest are 同意公开.
REPLY_SHARES = [("reply_already_public", 14), ("reply_other_channel", 7),
                ("reply_not_this_agency", 4), ("reply_not_exist", 2), ("reply_correction", 1)]

# Files written in full (every row, zeros and computed rows included), sparse (only non-zero
# rows that are not computed) or "rows" (non-zero rows, computed ones included).
STYLE_OVERRIDE = {"FC001": "full", "FC002": "full", "FC044": "full", "FC132": "full"}
STYLES = ["sparse", "rows", "full"]

SURNAMES = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕熊"

# ---------------------------------------------------------------------------------------------
# Section 二: each lead unit's sub-section, under the title the report prints (same title =
# one sub-section; its agencies in roster order).
# ---------------------------------------------------------------------------------------------
T_POWER = "推进行政权力信息公开"
T_FINANCE = "推进财政资金信息公开"
T_RESOURCES = "推进公共资源信息公开"
T_PROJECTS = "推进重大建设项目信息公开"
T_POVERTY = "推进扶贫领域信息公开"
T_SUPERVISION = "推进公共监管领域信息公开"
T_ENVIRONMENT = "推进环保工作信息公开"

HIGHLIGHTS = {
    "FC003": [(T_POWER, [
        "把权力运行信息公开作为重点，逐步建立起有约束力的权力运行规范和运行机制，提高权力运行的透明度，从制度上防止“暗箱操作”和滥用权力。",
        "全市45个单位188人、516个事项进驻行政服务中心，其中512个事项实现“最多跑一次”。中心对进驻事项进行流程再造，共压缩办事环节207个、减少申请材料346项、压缩办理时限3225个工作日。2018年，政务服务大厅受理各类审批和服务办件30万件，其中网上审批办件15.2万件，办结率99.5%；大厅日均接待办事和咨询群众1000余人次，群众满意率保持在99.7%以上。",
    ])],
    "FC004": [(T_FINANCE, [
        "推进财政预决算公开。制定全市预决算公开工作方案，依托政府网站“财政预决算公开”专栏，及时公开全市年度财政预决算报告以及部门预算和决算，目前全市已有100余家单位公开了财政预算和决算。",
        "推进政府采购和招标投标信息公开。招标公告、中标公告和政府采购信息一律通过网站发布，保障社会公众的知情权和监督权。",
    ])],
    "FC005": [(T_RESOURCES, [
        "推进住房保障信息公开。通过张榜公示、电视图文和滚动字幕、网站、新闻报道等多种形式，向社会公开保障性住房的申请条件、房源、分配结果以及相关政策规定和监督电话，方便群众查询和监督。房源分配坚持“阳光操作”，保障房源、分配过程、分配结果“三公开”；加强后续跟踪监管，对不再符合保障条件的及时清退。",
        "2018年10月，我市在全省县级市中率先将房产交易和不动产登记机构合并、职能整合，并把契税收缴纳入登记流程，形成房屋交易、契税缴纳、不动产登记“一条龙”联动办理。群众办理不动产登记的时间由原来的20个工作日压缩到7个工作日，抵押登记压缩到3个工作日，抵押权注销登记即时办结。",
    ])],
    "FC006": [(T_RESOURCES, [
        "加强重点领域和关键环节的公共资源交易信息公开。交易信息全部在网上发布，让所有有意参与公共资源交易的潜在供应商都能及时、平等地获取信息；交易程序和各个环节全部公开，每一个参与交易的供应商都清楚如何获取采购文件、文件编制有哪些要求、开标和评标按什么程序进行，中标结果全部在网上公告，接受全社会监督。",
        "每月通过网站发布全市产权交易情况和公共资源招标、中标公告等信息。2018年，中心共完成交易466场，其中建设工程招标132场、政府采购326场，累计成交金额77.2亿元，累计增收节支2.3亿元，增收节支率约2.94%。",
    ])],
    "FC007": [(T_PROJECTS, [
        "建立重大项目行政审批事项目录，向社会全面公开每一个审批事项的名称、设定依据、审批对象、审批时限、收费情况、需要提交的全部材料以及办事指南和办事规程。2018年1月至12月，全市共审批项目232个，其中审批政府投资项目48个、核准企业投资项目2个、备案项目182个，全部挂网公示。重大项目建设的招标、投标公告一律公示，同时公布举报电话，接受群众监督。",
    ])],
    "FC008": [(T_POVERTY, [
        "为做好全市扶贫工作，在政府门户网站开设“精准扶贫”专栏，下设扶贫攻坚概况、扶贫政策、扶贫动态、公示公告等子栏目，公开扶贫政策和扶贫资金的分配、使用情况，全年共公开扶贫信息100余条。扶贫工作做到公开透明，既保证了公开的实效，又保护好了群众的个人隐私。",
    ])],
    "FC009": [(T_SUPERVISION, [
        "推进国有企业信息公开。通过网站、电视等渠道主动公开国有企业的主要财务指标、整体运行情况和业绩考核结果，加大国有资产保值增值、改革重组、负责人职务变动和招聘等信息的公开力度，在加强国资监管的同时强化社会对国有企业的监督，打造“阳光国企”。",
    ])],
    "FC010": [(T_SUPERVISION, [
        "做好环境信息公开。通过简报、微信平台、网站等渠道公开环境保护工作信息，定期公布全市水质监测信息和环境违法案件。推进建设项目环境影响评价信息公开，全年发布各环节环评审批公告10余条。实行环境处罚案件群众公议制度，邀请社区、企业等单位的公议员对我市环境处罚案件进行公议，就案件办理程序、处罚依据和处罚数额等接受公议员质询，让社会公众参与环境案件的判罚，加强对环保执法的社会监督。开通“12369”微信举报平台和举报信箱，受理群众对环境违法行为的举报，提升了环保部门的公信力。",
    ]), (T_ENVIRONMENT, [
        "为加大环境保护工作力度，在丰城市政府门户网站开设“环保工作专题”栏目，随时发布环境保护工作动态；中央环保督察问题整改销号情况和企业环评信息在网站公示公告栏发布。2018年共发布各类环保动态20余条、环保公示50余条。",
    ])],
    "FC011": [(T_SUPERVISION, [
        "推进食品药品安全信息公开。在“中国丰城”网站和药监局网站公开食品药品安全监管法律法规、各类餐饮食品安全专项整治动态、食品药品安全常识和应急演练等信息，公布监管部门的投诉电话。制定实施《丰城市食品安全举报奖励实施办法》，设立食品安全举报奖励专项资金，按举报级别给予100元至3万元不等的奖励，鼓励社会公众及时揭发举报，提高了公众参与食品安全监督的积极性。",
    ])],
    "FC012": [(T_SUPERVISION, [
        "推进社会组织、中介机构信息公开。社会组织的成立、变更、注销、评估、年检结果和查处结果，以及中介机构名称、基本情况等信息及时在网上公布。慈善大病临时救助对象先在网上公示，一个星期无异议后再发放救助资金；慈善组织捐助贫困学生等情况同样公示，接受社会监督。全年开展的关爱维稳卫士、关爱公职特困人员、关爱校园、关爱市民、关爱白衣天使等系列活动，全部通过网站、电视等渠道向社会公开。",
    ])],
}

# ---------------------------------------------------------------------------------------------
# Narrative of report.xml.  Short paragraphs of the form （一）… without 。 are set as 楷体
# sub-headings.  Statutory figures are placeholders; the other numbers are the seed's facts.
# ---------------------------------------------------------------------------------------------
ACTIVE = [
    "{{year}}年，我市进一步拓宽政府信息公开渠道，完善各类公开平台，多渠道推进政府信息公开工作。",
    "（一）把政府网站群建成信息公开的主阵地",
    "以丰城市政府网站和政府信息公开系统为主平台，以“丰城发布”微信公众号等为补充，加强主动公开，规范依申请公开办理流程，全面推进政府信息公开。全年全市主动公开政府信息{{stats.active_items}}条，政府网站发布各类政务信息{{stats.channel_website}}条。在“中国丰城”网站开设“国务院重要政策信息”专题专栏，集中发布国务院重要文件、重要会议、领导活动和政策解读等政务信息，为全市贯彻落实国家政策指明方向，方便群众及时了解国家政策，引导正确的舆论导向，受到群众普遍好评；截至2018年11月，专栏共发布国务院政策文件、领导活动、政策解读等相关信息7000余条。",
    "（二）以政务服务网推动行政审批信息公开",
    "按照全省统一部署，完成丰城市政务服务网升级改造。网上审批信息在政务服务专栏“办件公示”页面实时滚动，群众输入“办件编号”或“证件号码”，即可查询每一件办件的办理状态和办理结果。审批流程全程接受电子监察和群众监督，审批过程和结果公开透明，让权力在阳光下运行。",
    "（三）以政民互动平台增强解读回应的主动性",
    "建成丰城市网络问政平台，全市{{department_count}}个部门（单位）、{{township_count}}个乡镇（街道）全部纳入平台并开设子版块；同时建立新闻发言人制度，主动发布新闻、解读政策、回应公众关切、引导舆论。各单位每周在网络问政平台发布主题帖，及时答复网友提问。全年“丰城市网络问政”共发布主题帖11000余条，回复网民提问4974条，回复率达100%，政民互动做到零距离、无障碍。",
]

KEY_AREAS = [
    "根据宜春市人民政府办公室《2018年宜春市政务公开工作安排的通知》的要求，我市把重点领域信息公开任务分解落实到市发改、财政、市场监管等相关单位，由各单位分别牵头推进，市信息中心具体负责重点领域政府信息公开的推进、指导、协调和监督。",
]

# The figures of section 三 are sentences of the document template (they need {{#if}}, which
# report.xml paragraphs do not offer); report.xml says how requests come in.
REQUESTS = [
    "我市依托网络问政平台和政府信息公开平台受理群众的政府信息公开申请，由各部门（单位）按照《条例》规定的程序和时限分别办理、答复。",
]

FUNDING = [
    "{{year}}年，全市政府信息公开专项经费{{stats.budget}}万元：投资15万元对政府信息公开系统进行改版，另有3.3万元作为系统每年的运营维护费用，已列入年度财政预算。",
]

TRAINING = [
    "{{year}}年，我市共派员参加江西省、宜春市组织的政府信息公开培训4次；全市举办政府信息公开培训班{{stats.trainings}}次，共培训{{stats.trainees}}人次。",
]

PROBLEMS = [
    "1.思想认识不到位，工作开展较被动。有的单位和领导对政务公开重视不够。多数部门（单位）、乡镇（街道）负责政务公开的同志身兼数职，把政务公开当作一项事务性工作、一项阶段性任务，推一下动一下，甚至一拖再拖；有的只为应付考核，挂几张领导照片、贴几篇官样文章了事。不少单位觉得政务公开“既新鲜又麻烦”，认为“公开得越多，麻烦事越多”，有的甚至把政务公开和窗口授权办事看作削弱本单位的权力，对政务公开存在消极抵触情绪。",
    "2.公开内容单一，形式主义较突出。政务公开既应包括行政事务的办理结果，也应包括政府行为的程序。目前公开的形式、程序和内容基本由政府一方决定，公开什么、公开到什么程度由政府说了算，群众只能被动接受，缺少选择权和参与权。一些部门（单位）和乡镇（街道）只公开不得不公开、大家早已知道的事项，回避可能触及自身利益的事项，或者只公开程序性要求而回避实质内容，群众最关心的热点难点问题反而被忽略。",
    "3.监督机制不健全，工作推进不同步。2008年5月1日起施行的《中华人民共和国政府信息公开条例》是目前我国政府信息公开方面唯一的专门法规，但它只适用于县级以上人民政府，不包括乡镇人民政府和街道办事处，也不包括党委、人大等部门和单位。至今尚未见到哪个部门因不实行政务公开而被处理，“公开不公开一个样、公开多少一个样、公开好坏一个样”的现象仍然存在。多数单位虽然公布了监督举报电话、设置了意见箱，但如何用制度保证举报事项快查快结、件件有回音，并对整改问题跟踪监督，还任重道远。",
]

PLANS = [
    "1.提高对政务公开的思想认识。提高领导干部的思想认识是做好地方政府政务公开的前提。要让各级领导充分认识政务公开的重要作用，落实主体责任；加强对政府工作人员的教育培训，使从事政务公开的同志熟悉国家现行政府信息公开政策，不断提高政策把握、舆情研判、解疑释惑和回应引导的能力。",
    "2.创新和完善政务公开的形式和手段。加快政务公开平台标准化、规范化建设，创新政府网站内容建设，运用智能推送、智能机器人等便捷的智能化、个性化服务，打造智慧政府网站信息平台；综合运用手机APP、微博、微信等政务新媒体，搭建政民互动平台，全面、准确发布政务公开事项。",
    "3.健全政务公开监督保障机制。从建立完备的政务公开法律监督机制、健全政务公开组织领导体制、完善政务公开工作考核机制三个方面入手，构建多方位、多层次的公开保障监督体系，切实增强政务公开的透明度、真实性和时效性，确保政府信息公开工作扎实有效开展。",
]

OTHER = [
    "本年报通过{{region}}政府网（{{website}}）和市档案馆、图书馆的政府信息公开公共查阅场所向社会公布。",
    "如对本年报有任何疑问，请与丰城市信息中心联系。联系人：{{contact.name}}，联系电话：{{contact.phone}}，电子邮箱：{{contact.email}}。",
]


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------
def split(total, weights):
    """Largest-remainder split of `total` in proportion to `weights` (ties by position)."""
    wsum = sum(weights)
    exact = [total * w / wsum for w in weights]
    parts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    assert sum(parts) == total
    return parts


def figures():
    """{code: {row: value}} for every agency; computed rows filled in."""
    rng = random.Random(SEED)
    # Jitter the weights a little so that no two agencies look machine-made.
    items = split(TOTAL_ITEMS, [a["items"] * (0.85 + 0.3 * rng.random()) for a in AGENCIES])
    requests = split(TOTAL_REQUESTS, [a["req"] * (0.85 + 0.3 * rng.random()) for a in AGENCIES])
    # Every agency sent its people to the two local trainings: about 4 from a department,
    # about 3 from a township.
    trainees = split(TOTAL_TRAINEES, [4 if a["kind"] == "department" else 3 for a in AGENCIES])
    out = {}
    for a, n_items, n_req, n_trained in zip(AGENCIES, items, requests, trainees):
        v = {r: 0 for r in ROWS}
        v["active_items"] = n_items
        v["channel_website"] = n_items
        v["requests_online"] = n_req
        v["closed_on_time"] = n_req
        rest = n_req
        for row, share in REPLY_SHARES:
            k = n_req * share // 100
            v[row] = k
            rest -= k
        v["reply_granted"] = rest
        v["trainees"] = n_trained
        v["staff_part_time"] = 1 if a["kind"] == "township" else 1 + (n_req >= 100)
        for row, value in a["extra"].items():
            v[row] = value
        for row in ("requests_received", "requests_closed", "reply_denied", "replies", "reviews",
                    "suits", "staff"):
            v[row] = sum(v[k] for k in SUMS[row])
        assert v["active_normative"] <= v["active_items"]
        assert v["press_conferences_leaders"] <= v["press_conferences"]
        assert v["online_interviews_leaders"] <= v["online_interviews"]
        out[a["code"]] = v
    return out


# ---------------------------------------------------------------------------------------------
# XML writing (hand-made, 2-space indentation)
# ---------------------------------------------------------------------------------------------
def stats_lines(v, style):
    lines = []
    for row in ROWS:
        if style == "sparse" and row in SUMS:
            continue
        if style != "full" and is_zero(v[row]):
            continue
        lines.append("    <row%s/>" % attrs([("id", row), ("value", v[row])]))
    return ["  <table id=\"stats\">"] + lines + ["  </table>"] if lines else []


def submission_xml(a, v, style, contact, submitted):
    lines = submission_head(FORMAT, YEAR, a, contact, submitted)
    if a["code"] == "FC002":
        lines.append("  <!-- 专项经费 18.3 万元 = 政府信息公开系统改版 15 万元 + 年度运营维护费 3.3 万元 -->")
    lines += stats_lines(v, style)
    return submission_text(lines, HIGHLIGHTS.get(a["code"], []))


def report_xml():
    lines = report_lines(FORMAT, YEAR, "丰城市信息公开领导小组办公室",
                         '<contact name="陈都" phone="0795-6608573" email="328707783@qq.com"/>',
                         ["  <!-- 名单顺序即报告“二、重点领域”各小节的顺序：各牵头单位排在前面。 -->"], AGENCIES)
    return report_text(lines, (("active", ACTIVE), ("key_areas", KEY_AREAS), ("requests", REQUESTS),
                               ("funding", FUNDING), ("training", TRAINING), ("problems", PROBLEMS),
                               ("plans", PLANS), ("other", OTHER)))


def main():
    out = out_folder(__doc__, Path(__file__).resolve().parent.parent / "inputs")

    departments = sum(a["kind"] == "department" for a in AGENCIES)
    assert (departments, len(AGENCIES) - departments) == (44, 32)
    assert len({a["code"] for a in AGENCIES}) == len(AGENCIES)
    values = figures()
    total = {r: sum(Decimal(str(v[r])) for v in values.values()) for r in ROWS}
    assert total["active_items"] == total["channel_website"] == TOTAL_ITEMS
    assert total["requests_received"] == total["requests_online"] == total["replies"] == TOTAL_REQUESTS
    assert (total["trainings"], total["trainees"], total["budget"]) == (2, TOTAL_TRAINEES, Decimal("18.3"))

    rng = random.Random(SEED + 1)
    subdir = fresh_submissions(out)
    write(out / "report.xml", report_xml())
    for n, a in enumerate(AGENCIES):
        style = STYLE_OVERRIDE.get(a["code"], STYLES[n % len(STYLES)])
        contact, submitted = contact_and_time(rng, SURNAMES, "2019-01", 8, 15)
        write(subdir / ("%s.xml" % a["code"]), submission_xml(a, values[a["code"]], style, contact, submitted))
    print("wrote %s and %d submissions under %s" % (out / "report.xml", len(AGENCIES), subdir))


if __name__ == "__main__":
    main()
