#!/usr/bin/env python3
"""Generate the 2025 example: 丰城市2025年政府信息公开工作年度报告 (format xxgk-2021).

Writes examples/fengcheng-2025/report.xml and one submission per roster agency under
examples/fengcheng-2025/submissions/<code>.xml.  (inputs/ holds the project's demo, the 丰城市
2018 report: scripts/gen_example_2018.py.)
Python 3 standard library only and deterministic (fixed random seed): running it twice gives
byte-identical files.

The figures are invented but kept plausible for a county-level city, and every submission
satisfies the rules of templates/xxgk-2021/format.xml by construction:
  R1   new + carried_in = closed_total + carried_out, per column of `requests`;
  R8a  processing_fees collected_amount <= notified_amount;
  R8b  processing_fees notices >= requests other_no_fee total.
Computed cells (`total` columns, the `closed_total` row) are written in some files and left out in
others; all-zero rows and tables are left out in some files (an omitted row or cell is 0).
Narrative text never types a statutory figure: it uses {{table.row.column}} placeholders.

Usage:  python3 scripts/gen_example_2025.py [--out DIR]     (DIR defaults to <repo>/examples/fengcheng-2025)
"""

import random
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import quoteattr

from example_xml import (attrs, contact_and_time, fresh_submissions, is_zero, out_folder, report_lines, report_text,
                         submission_head, submission_text, write)

SEED = 20250101
FORMAT = "xxgk-2021"
YEAR = 2025

# ---------------------------------------------------------------------------------------------
# Ids of the xxgk-2021 tables (templates/xxgk-2021/format.xml is the source of truth).
# ---------------------------------------------------------------------------------------------
ACTIVE_ROWS = [
    ("rules", ("issued", "repealed", "in_force")),
    ("normative", ("issued", "repealed", "in_force")),
    ("licensing", ("decisions",)),
    ("penalty", ("decisions",)),
    ("coercion", ("decisions",)),
    ("fees", ("amount",)),
]
REQ_COLS = ["natural", "business", "research", "nonprofit", "legal_service", "other_org"]
RESULT_ROWS = [
    "granted", "partial",
    "denied_state_secret", "denied_law", "denied_safety", "denied_third_party",
    "denied_internal", "denied_process", "denied_enforcement", "denied_query",
    "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
    "not_processed_petition", "not_processed_duplicate", "not_processed_publication",
    "not_processed_excessive", "not_processed_confirmation",
    "other_no_correction", "other_no_fee", "other_misc",
]
REQ_ROWS = ["new", "carried_in"] + RESULT_ROWS + ["closed_total", "carried_out"]
APPEAL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
APPEAL_COLS = ["upheld", "corrected", "other", "pending"]
FEE_COLS = ["notices", "notified_amount", "collected_amount"]

# How one application ends, drawn per application.  other_no_fee is never drawn: it is set
# explicitly where a fee notice went unpaid, so that R8b holds.
OUTCOME_WEIGHTS_DEPT = {
    "granted": 40, "partial": 8,
    "denied_law": 0.5, "denied_third_party": 2, "denied_internal": 1, "denied_process": 3,
    "denied_enforcement": 1.5, "denied_query": 3,
    "unavailable_not_held": 20, "unavailable_needs_creation": 3, "unavailable_unclear": 2.5,
    "not_processed_petition": 5, "not_processed_duplicate": 4, "not_processed_publication": 0.5,
    "not_processed_excessive": 0.5, "not_processed_confirmation": 1,
    "other_no_correction": 3, "other_misc": 2,
}
OUTCOME_WEIGHTS_TOWNSHIP = {
    "granted": 48, "partial": 6, "denied_third_party": 2, "denied_process": 2,
    "unavailable_not_held": 22, "unavailable_needs_creation": 3, "unavailable_unclear": 2,
    "not_processed_petition": 7, "not_processed_duplicate": 3,
    "other_no_correction": 3, "other_misc": 2,
}

# ---------------------------------------------------------------------------------------------
# Roster and per-agency figures.
#   norm   = 行政规范性文件 (issued, repealed, in_force); 规章 is always 0 (a county-level city
#            cannot make 规章)
#   lic/pen/coe = 行政许可 / 行政处罚 / 行政强制 decisions; fee = 行政事业性收费 in 万元 (string)
#   new    = new requests per column; cin = carried in; cout = carried out to 2026
#   appeals, pfees (信息处理费), style (how the file is written), hl (highlight sections)
# ---------------------------------------------------------------------------------------------
def dept(code, name, norm, lic=0, pen=0, coe=0, fee=None, new=None, cin=None, cout=None, **kw):
    a = dict(code=code, name=name, kind="department", norm=norm, lic=lic, pen=pen, coe=coe,
             fee=fee, new=new or {}, cin=cin or {}, cout=cout or {})
    a.update(kw)
    return a


def town(code, name, norm=(0, 0, 0), lic=0, pen=0, coe=0, new=None, cin=None, cout=None, **kw):
    a = dict(code=code, name=name, kind="township", norm=norm, lic=lic, pen=pen, coe=coe,
             fee=None, new=new or {}, cin=cin or {}, cout=cout or {})
    a.update(kw)
    return a


AGENCIES = [
    dept("FC001", "丰城市发展和改革委员会", (3, 1, 24), lic=12,
         new={"natural": 3, "business": 2}),
    dept("FC002", "丰城市教育体育局", (2, 1, 18), lic=612, pen=2,
         new={"natural": 6, "other_org": 1}, cin={"natural": 1}),
    dept("FC003", "丰城市工业和信息化局", (1, 0, 9), pen=3,
         new={"natural": 1, "business": 1}),
    dept("FC004", "丰城市公安局", (1, 0, 12), lic=9863, pen=4217, coe=386, fee="86.72",
         new={"natural": 19, "business": 1, "legal_service": 3}, cin={"natural": 2},
         cout={"natural": 1}),
    dept("FC005", "丰城市民政局", (2, 1, 15), lic=3, pen=1, new={"natural": 4}),
    dept("FC006", "丰城市司法局", (1, 0, 8), new={"natural": 2, "legal_service": 1}),
    dept("FC007", "丰城市财政局", (4, 2, 31), pen=2,
         new={"natural": 3, "business": 2, "research": 1}, cin={"natural": 1}),
    dept("FC008", "丰城市人力资源和社会保障局", (3, 1, 27), lic=8, pen=6,
         new={"natural": 8, "legal_service": 1}, cin={"natural": 1}, cout={"natural": 1}),
    dept("FC009", "丰城市自然资源局", (5, 2, 46), lic=1268, pen=37, coe=4, fee="1256.35",
         new={"natural": 44, "business": 7, "legal_service": 4, "other_org": 2},
         cin={"natural": 3, "business": 1}, cout={"natural": 3, "business": 1},
         force={"other_no_fee": {"natural": 1}},
         appeals={"review": {"upheld": 1, "pending": 1},
                  "litigation_after_review": {"pending": 1}},
         pfees={"notices": 2, "notified_amount": "320", "collected_amount": "200"}),
    dept("FC010", "宜春市丰城生态环境局", (1, 0, 6), lic=18, pen=64, coe=9,
         new={"natural": 5, "business": 1, "nonprofit": 1}),
    dept("FC011", "丰城市住房和城乡建设局", (4, 1, 38), lic=214, pen=23, coe=2,
         new={"natural": 31, "business": 4, "legal_service": 2}, cin={"natural": 3},
         cout={"natural": 2}, appeals={"review": {"upheld": 1}}),
    dept("FC012", "丰城市交通运输局", (2, 1, 14), lic=146, pen=738, coe=61,
         new={"natural": 3, "business": 2}),
    dept("FC013", "丰城市水利局", (2, 0, 13), lic=41, pen=9, coe=1, fee="45.8",
         new={"natural": 3}),
    dept("FC014", "丰城市农业农村局", (3, 1, 22), lic=87, pen=26, coe=3,
         new={"natural": 6, "business": 1}, cin={"natural": 1}),
    dept("FC015", "丰城市商务局", (1, 0, 7), pen=2, new={"natural": 1, "business": 1}),
    dept("FC016", "丰城市文化广电新闻出版旅游局", (1, 1, 9), lic=12, pen=17,
         new={"natural": 2}),
    dept("FC017", "丰城市卫生健康委员会", (2, 1, 19), lic=326, pen=58, coe=5,
         new={"natural": 4}),
    dept("FC018", "丰城市退役军人事务局", (1, 0, 6), new={"natural": 3}),
    dept("FC019", "丰城市应急管理局", (2, 1, 11), lic=6, pen=42, coe=3,
         new={"natural": 2, "business": 1}),
    dept("FC020", "丰城市审计局", (0, 0, 5), new={"natural": 1}),
    dept("FC021", "丰城市市场监督管理局", (2, 1, 16), lic=138, pen=612, coe=34,
         new={"natural": 6, "business": 3}, cin={"natural": 1}),
    dept("FC022", "丰城市统计局", (0, 0, 5), new={"research": 1}),
    dept("FC023", "丰城市医疗保障局", (2, 1, 12), pen=11, new={"natural": 3}),
    dept("FC024", "丰城市城市管理局", (2, 0, 17), lic=63, pen=356, coe=28,
         new={"natural": 5, "business": 1}),
    dept("FC025", "丰城市行政审批局", (1, 0, 8), lic=21647,
         new={"natural": 3, "business": 2}),
    dept("FC026", "丰城市林业局", (1, 0, 10), lic=412, pen=48, coe=2, new={"natural": 3}),
    dept("FC027", "丰城市数据局", (0, 0, 5)),
    dept("FC028", "丰城市人民政府办公室", (6, 3, 58),
         new={"natural": 24, "business": 3, "legal_service": 2}, cin={"natural": 2},
         cout={"natural": 2}, appeals={"litigation_direct": {"upheld": 1}}),
    town("FC101", "剑光街道办事处", (0, 0, 1), pen=6,
         new={"natural": 5, "business": 1}, cin={"natural": 1}, cout={"natural": 1}),
    town("FC102", "河洲街道办事处", (0, 0, 1), pen=4, new={"natural": 4}),
    town("FC103", "孙渡街道办事处", lic=18, pen=3, new={"natural": 3}),
    town("FC104", "尚庄街道办事处", lic=22, pen=2, new={"natural": 2}),
    town("FC105", "曲江镇人民政府", (0, 0, 2), lic=96, pen=11, coe=1, new={"natural": 3}),
    town("FC106", "上塘镇人民政府", lic=74, pen=7, new={"natural": 2}),
    town("FC107", "小港镇人民政府", lic=58, pen=5, new={"natural": 1}),
    town("FC108", "洛市镇人民政府", lic=63, pen=9, new={"natural": 2}),
    town("FC109", "石滩镇人民政府", (0, 0, 1), lic=81, pen=6, new={"natural": 1}),
    town("FC110", "泉港镇人民政府", lic=47, pen=4),
    town("FC111", "梅林镇人民政府", lic=69, pen=8, coe=1, new={"natural": 2}),
    town("FC112", "荣塘镇人民政府", lic=52, pen=3, new={"natural": 1}),
]

# Files written in full (every row and column, zeros and computed cells included), sparse
# (only non-zero cells, no computed cells, all-zero tables left out) or "rows" (non-zero rows
# only, each written with all its columns and with the computed cells).
STYLE_OVERRIDE = {"FC009": "full", "FC025": "full", "FC027": "full", "FC028": "full",
                  "FC004": "rows"}
STYLES = ["full", "sparse", "rows"]

SURNAMES = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"

# ---------------------------------------------------------------------------------------------
# Narrative of the agencies (section "highlights"); placeholders resolve to the agency's figures.
# ---------------------------------------------------------------------------------------------
HIGHLIGHTS = {
    "FC002": ("推进教育领域信息公开", [
        "围绕义务教育招生入学、学生资助、教师招聘和校园安全等群众关注事项，在门户网站教育专栏集中公开招生政策、学区划分、资助政策和办理流程，招生期间同步发布政策问答，开通咨询电话，及时回应家长关切。",
        "全年本局收到政府信息公开申请{{requests.new.total}}件，予以公开{{requests.granted.total}}件，均在法定期限内答复。",
    ]),
    "FC007": ("推进财政资金信息公开", [
        "按照预决算公开“全覆盖”要求，督促全市各预算单位在规定时限内通过预决算公开统一平台公开部门预算、决算和“三公”经费情况，同步公开政府债务限额、余额和使用安排，推动惠民惠农财政补贴资金发放信息按规定公开。",
        "本局全年制发行政规范性文件{{active.normative.issued}}件，收到政府信息公开申请{{requests.new.total}}件，办结{{requests.closed_total.total}}件。",
    ]),
    "FC009": ("推进自然资源领域信息公开", [
        "坚持征地信息“批前告知、批后公告”全过程公开，及时发布征收土地预公告、征地补偿安置方案和征收土地公告，公开国土空间规划、国有建设用地使用权出让计划及结果、不动产登记办事指南，保障群众的知情权、参与权和监督权。",
        "全年本局作出行政许可决定{{active.licensing.decisions}}件、行政处罚决定{{active.penalty.decisions}}件；新收政府信息公开申请{{requests.new.total}}件，予以公开{{requests.granted.total}}件、部分公开{{requests.partial.total}}件，结转下年度继续办理{{requests.carried_out.total}}件。",
    ]),
    "FC010": ("推进生态环境信息公开", [
        "定期发布全市环境空气质量、集中式饮用水水源地水质状况，公开建设项目环境影响评价受理、拟批准和审批结果信息，按季度公开重点排污单位名录和“双随机、一公开”抽查结果。",
        "全年本局公开行政处罚决定{{active.penalty.decisions}}件、行政强制决定{{active.coercion.decisions}}件，收到政府信息公开申请{{requests.new.total}}件，已全部办结。",
    ]),
    "FC011": ("推进住房和城乡建设领域信息公开", [
        "围绕保障性住房分配、城镇老旧小区改造、城中村改造和房屋征收等重点工作，及时公开年度计划、分配对象、补偿标准和项目进展，在政务服务大厅设置住房保障信息公开栏，方便群众查询。",
        "全年本局新收政府信息公开申请{{requests.new.total}}件，上年结转{{requests.carried_in.total}}件，予以公开{{requests.granted.total}}件，结转下年度继续办理{{requests.carried_out.total}}件。",
    ]),
    "FC025": ("推进政务服务信息公开", [
        "动态调整并公开政务服务事项目录和办事指南，推进“高效办成一件事”事项清单、办理流程和材料清单集中公开，在政务服务中心设置政务公开专区，提供政策查询、信息查阅和咨询引导服务。",
        "全年本局作出行政许可决定{{active.licensing.decisions}}件，均按照“双公示”要求在作出决定之日起七个工作日内在门户网站和信用信息平台公示。",
    ]),
}

# ---------------------------------------------------------------------------------------------
# Narrative of report.xml.  Sub-headings are short paragraphs without 。.
# ---------------------------------------------------------------------------------------------
OVERVIEW = [
    "2025年，丰城市坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神，认真贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》），按照国家、省和宜春市关于政务公开工作的部署要求，紧紧围绕市委、市政府中心工作，持续深化政务公开标准化规范化建设，以公开促落实、以公开强监管、以公开优服务，全市政务公开工作质量和实效进一步提升。",
    "（一）主动公开",
    "严格落实决策、执行、管理、服务、结果“五公开”要求，依托丰城市人民政府门户网站政府信息公开平台，及时公开政策文件、规划计划、财政预决算、重大建设项目、公共资源配置、社会公益事业等重点领域信息。全年本级政府及各部门、乡镇（街道）制发行政规范性文件{{active.normative.issued}}件，废止{{active.normative.repealed}}件，现行有效{{active.normative.in_force}}件，均在门户网站行政规范性文件专栏集中公开并动态更新。全年公开行政许可处理决定{{active.licensing.decisions}}件、行政处罚决定{{active.penalty.decisions}}件、行政强制决定{{active.coercion.decisions}}件，行政事业性收费金额{{active.fees.amount}}万元。",
    "坚持政策文件与解读材料同步组织、同步审签、同步发布，综合运用图文解读、视频解读、部门主要负责人解读等方式，把政策“讲清楚、讲明白”。对涉及群众切身利益的民生政策，通过新闻发布会、政务新媒体和基层宣讲等渠道开展多形式解读，对社会关注的热点问题做到及时回应、准确发声。",
    "（二）依申请公开",
    "2025年，全市共新收政府信息公开申请{{requests.new.total}}件，其中自然人申请{{requests.new.natural}}件，商业企业申请{{requests.new.business}}件，法律服务机构申请{{requests.new.legal_service}}件；上年结转{{requests.carried_in.total}}件。本年度办结{{requests.closed_total.total}}件，其中予以公开{{requests.granted.total}}件，部分公开{{requests.partial.total}}件，因本机关不掌握相关政府信息无法提供{{requests.unavailable_not_held.total}}件，属于信访举报投诉类申请不予处理{{requests.not_processed_petition.total}}件；结转下年度继续办理{{requests.carried_out.total}}件。全年因政府信息公开工作引发行政复议{{appeals.review.total}}件，未经复议直接提起行政诉讼{{appeals.litigation_direct.total}}件，复议后提起行政诉讼{{appeals.litigation_after_review.total}}件。",
    "进一步规范依申请公开受理、登记、审核、答复、归档全流程办理，严格执行法定答复期限，推行答复文书统一模板和重点案件法制审核，对疑难复杂申请组织政务公开、法制、业务部门会商研判，做到依法答复、说理充分、告知到位。",
    "（三）政府信息管理",
    "深入推进基层政务公开标准化规范化，动态更新各领域基层政务公开事项标准目录，细化公开内容、公开时限和公开渠道。严格落实公开属性源头认定和保密审查制度，坚持“先审查、后公开”和“一事一审”，全年未发生泄密和侵犯个人隐私等问题。组织开展行政规范性文件清理，对不符合上位法规定和不适应经济社会发展需要的文件及时废止或修订，并在门户网站公开清理结果。",
    "（四）平台建设",
    "持续加强政府门户网站建设，优化政府信息公开专栏设置，规范法定主动公开内容栏目，提升检索查询和无障碍浏览功能。加强政务新媒体管理，严格落实开办审核、内容审核、检查监测等制度，对更新不及时、功能重复的账号进行整合关停，推动政务新媒体健康有序发展。在市政务服务中心、档案馆、图书馆和各乡镇（街道）便民服务中心设置政府信息公开查阅点，为群众提供便捷的查阅服务。",
    "（五）监督保障",
    "调整充实市政务公开工作领导小组，明确各单位分管领导和具体工作人员，形成主要领导亲自抓、分管领导具体抓、工作人员抓落实的工作格局。组织全市政务公开业务培训，重点围绕《条例》适用、依申请公开答复和政务新媒体管理等内容进行讲解，提升工作人员业务能力。",
    "将政务公开工作纳入全市综合考核，通过日常监测、季度检查和年度考核相结合的方式推动工作落实，检查结果在全市通报。开展政务公开社会评议，通过门户网站在线调查、政府开放日和政务公开体验活动广泛听取群众意见建议，并将评议结果作为改进工作的重要依据。全年未发生因政务公开工作不力被追究责任的情况。",
]

PROBLEMS = [
    "（一）上年度问题整改情况",
    "针对2024年度报告中提出的部分单位政策解读形式较为单一、乡镇（街道）政务公开专栏更新不够及时等问题，我市一是推行多元化解读，要求重要政策文件同步制作图解、短视频等解读产品，解读质量纳入年度考核；二是建立乡镇（街道）政务公开专栏月度巡查和通报制度，对更新滞后、栏目空白的单位及时督促整改，相关问题已基本整改到位。",
    "（二）存在的主要问题",
    "一是部分单位主动公开的深度和广度还不够，重点领域信息公开内容不够具体，公开信息的时效性有待提高；二是依申请公开办理水平不够均衡，个别单位答复文书说理不够充分，法律救济告知不够规范；三是基层政务公开工作力量较为薄弱，工作人员多为兼职且变动较大，业务能力有待进一步提升。",
    "（三）改进措施",
    "一是聚焦重点领域，围绕群众关注的就业、教育、医疗、住房、社会保障等事项，进一步细化公开内容，加强公开信息的动态更新；二是规范依申请公开办理，加强答复文书审核把关，组织开展典型案例学习，提高依法答复水平；三是加强队伍建设，常态化开展业务培训和工作指导，推动基层政务公开工作提质增效。",
]

OTHER = [
    "（一）政务公开工作要点落实情况",
    "对照国家、省和宜春市关于2025年政务公开工作的部署要求，结合我市实际细化工作任务，明确责任单位和完成时限，围绕稳经济促发展、优化营商环境、保障和改善民生等方面加大信息公开力度，各项任务均按要求推进落实。",
    "（二）人大代表建议和政协提案办理结果公开情况",
    "2025年，市政府各承办单位在规定时限内完成人大代表建议和政协提案办理工作，除涉及国家秘密、工作秘密和个人隐私等不宜公开的内容外，办理复文全文均在门户网站建议提案办理专栏公开，接受代表委员和社会公众监督。",
    "（三）政务公开创新情况",
    "在市政务服务中心设立政务公开专区，提供政策文件查阅、政策咨询和办事引导等服务，推动政务公开与政务服务深度融合；探索开展“政策找人”服务，依托政务服务平台和政务新媒体向企业和群众精准推送惠企利民政策。",
]


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------
def build_requests(a, rng):
    """Return {row: {col: int}} for all REQ_ROWS, R1 holding per column by construction."""
    weights = OUTCOME_WEIGHTS_TOWNSHIP if a["kind"] == "township" else OUTCOME_WEIGHTS_DEPT
    outcomes = list(weights)
    w = [weights[o] for o in outcomes]
    t = {r: {c: 0 for c in REQ_COLS} for r in REQ_ROWS}
    forced = a.get("force", {})
    for c in REQ_COLS:
        new = a["new"].get(c, 0)
        cin = a["cin"].get(c, 0)
        cout = a["cout"].get(c, 0)
        closed = new + cin - cout
        assert closed >= 0, (a["code"], c)
        t["new"][c], t["carried_in"][c], t["carried_out"][c] = new, cin, cout
        for row, cols in forced.items():
            n = cols.get(c, 0)
            t[row][c] += n
            closed -= n
        assert closed >= 0, (a["code"], c)
        # Business applicants more often get what they ask for.
        for _ in range(closed):
            if c != "natural" and rng.random() < 0.35:
                t["granted"][c] += 1
            else:
                t[rng.choices(outcomes, w)[0]][c] += 1
    for c in REQ_COLS:
        t["closed_total"][c] = sum(t[r][c] for r in RESULT_ROWS)
        assert t["new"][c] + t["carried_in"][c] == t["closed_total"][c] + t["carried_out"][c]
    return t


def agency_figures(a, rng):
    rules = {"issued": 0, "repealed": 0, "in_force": 0}
    i, r, f = a["norm"]
    active = {
        "rules": rules,
        "normative": {"issued": i, "repealed": r, "in_force": f},
        "licensing": {"decisions": a["lic"]},
        "penalty": {"decisions": a["pen"]},
        "coercion": {"decisions": a["coe"]},
        "fees": {"amount": a["fee"] or "0"},
    }
    appeals = {row: {c: a.get("appeals", {}).get(row, {}).get(c, 0) for c in APPEAL_COLS}
               for row in APPEAL_ROWS}
    pf = a.get("pfees", {})
    pfees = {"fees": {"notices": pf.get("notices", 0),
                      "notified_amount": pf.get("notified_amount", "0"),
                      "collected_amount": pf.get("collected_amount", "0")}}
    return active, build_requests(a, rng), appeals, pfees


# ---------------------------------------------------------------------------------------------
# XML writing (hand-made, 2-space indentation, attribute order as in format.xml)
# ---------------------------------------------------------------------------------------------
def row_xml(row_id, pairs):
    return "    <row%s/>" % attrs([("id", row_id)] + pairs)


def table_lines(table_id, rows):
    """rows: list of (row_id, [(col, value), ...]) already filtered; None if table is empty."""
    if not rows:
        return []
    out = ["  <table id=%s>" % quoteattr(table_id)]
    out += [row_xml(r, p) for r, p in rows]
    out.append("  </table>")
    return out


def select(cells, cols, style, computed=()):
    """Cells of one row as written in the given style.  `computed`: extra (col, value) pairs."""
    if style == "sparse":
        pairs = [(c, cells[c]) for c in cols if not is_zero(cells[c])]
        return pairs
    pairs = [(c, cells[c]) for c in cols] + list(computed)
    return pairs


def active_rows(active, style):
    rows = []
    for rid, cols in ACTIVE_ROWS:
        cells = active[rid]
        nonzero = any(not is_zero(cells[c]) for c in cols)
        if style != "full" and not nonzero:
            continue
        rows.append((rid, select(cells, cols, style)))
    return rows


def request_rows(t, style):
    rows = []
    for rid in REQ_ROWS:
        if rid == "closed_total" and style == "sparse":
            continue
        cells = t[rid]
        nonzero = any(cells[c] for c in REQ_COLS)
        if style != "full" and not nonzero:
            continue
        total = sum(cells[c] for c in REQ_COLS)
        rows.append((rid, select(cells, REQ_COLS, style, [("total", total)])))
    return rows


def appeal_rows(ap, style):
    rows = []
    for rid in APPEAL_ROWS:
        cells = ap[rid]
        nonzero = any(cells[c] for c in APPEAL_COLS)
        if style != "full" and not nonzero:
            continue
        total = sum(cells[c] for c in APPEAL_COLS)
        rows.append((rid, select(cells, APPEAL_COLS, style, [("total", total)])))
    return rows


def fee_rows(pf, style):
    cells = pf["fees"]
    nonzero = any(not is_zero(cells[c]) for c in FEE_COLS)
    if style != "full" and not nonzero:
        return []
    return [("fees", select(cells, FEE_COLS, style))]


def submission_xml(a, figures, style, contact, submitted):
    active, req, ap, pf = figures
    lines = submission_head(FORMAT, YEAR, a, contact, submitted)
    lines += table_lines("active", active_rows(active, style))
    lines += table_lines("requests", request_rows(req, style))
    lines += table_lines("appeals", appeal_rows(ap, style))
    lines += table_lines("processing_fees", fee_rows(pf, style))
    return submission_text(lines, [HIGHLIGHTS[a["code"]]] if a["code"] in HIGHLIGHTS else [])


def report_xml():
    lines = report_lines(FORMAT, YEAR, "丰城市人民政府办公室",
                         '<contact name="陈某" phone="0795-6643210" email="xxgk@jxfc.gov.cn"/>',
                         ["  <published>2026-01-20</published>"], AGENCIES)
    return report_text(lines, (("overview", OVERVIEW), ("problems", PROBLEMS), ("other", OTHER)))


def main():
    out = out_folder(__doc__, Path(__file__).resolve().parent.parent / "examples" / "fengcheng-2025")

    rng = random.Random(SEED)
    subdir = fresh_submissions(out)

    write(out / "report.xml", report_xml())
    for n, a in enumerate(AGENCIES):
        style = STYLE_OVERRIDE.get(a["code"], STYLES[n % len(STYLES)])
        figures = agency_figures(a, rng)
        contact, submitted = contact_and_time(rng, SURNAMES, "2026-01", 10, 10)
        write(subdir / ("%s.xml" % a["code"]), submission_xml(a, figures, style, contact, submitted))
    print("wrote %s and %d submissions under %s" % (out / "report.xml", len(AGENCIES), subdir))


if __name__ == "__main__":
    main()
