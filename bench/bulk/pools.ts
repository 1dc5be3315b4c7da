/**
 * Word pools for the bulk generator: names, places and, per dispute subcategory, the titles and
 * descriptions a clerk would write at the desk. Placeholders in {braces} are filled by
 * generate.ts: {A} applicant, {B} respondent, {org} respondent organisation, {amount} yuan,
 * {n} a small count, {m} months, {place} a place in the case's unit, {road} a road, {date} a date.
 */

/** Surnames weighted roughly by frequency (王李张刘陈 alone are about a third of the population). */
export const SURNAMES: Array<[string, number]> = [
  ['王', 72], ['李', 71], ['张', 68], ['刘', 53], ['陈', 45], ['杨', 31], ['黄', 24], ['赵', 20], ['吴', 20], ['周', 19],
  ['徐', 15], ['孙', 15], ['马', 12], ['朱', 12], ['胡', 11], ['郭', 10], ['何', 10], ['林', 9], ['高', 9], ['罗', 9],
  ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 7], ['唐', 7], ['许', 7], ['韩', 6], ['冯', 6], ['邓', 6], ['曹', 6],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['潘', 4], ['袁', 4], ['蔡', 4], ['蒋', 4], ['余', 4],
  ['于', 4], ['杜', 4], ['叶', 4], ['程', 3], ['魏', 3], ['苏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
  ['姚', 3], ['卢', 3], ['钟', 2], ['姜', 2], ['崔', 2], ['谭', 2], ['陆', 2], ['范', 2], ['汪', 2], ['金', 2],
  ['石', 2], ['戴', 2], ['贾', 2], ['方', 2], ['邱', 2], ['俞', 2], ['章', 2], ['楼', 1], ['欧阳', 1], ['诸葛', 1],
];

export const MALE_GIVEN = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宇', '浩',
  '建华', '建国', '建军', '志强', '志明', '国强', '国平', '海涛', '海军', '永强', '晓东', '晓明', '文斌', '俊杰', '宏伟',
  '德明', '德福', '春生', '金林', '根发', '水根', '阿三', '家豪', '子轩', '浩然', '宇航', '博文', '一鸣', '振宇', '天佑',
];
export const FEMALE_GIVEN = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '英', '萍', '红', '婷', '雪', '慧', '莉', '琳', '颖', '洁',
  '秀英', '桂英', '秀兰', '玉兰', '桂兰', '凤英', '丽华', '丽娟', '晓燕', '晓红', '美玲', '春梅', '海燕', '雪梅', '金凤',
  '佳怡', '欣怡', '梓涵', '诗涵', '雨萱', '子涵', '思琪', '梦婷', '雅琴', '慧敏', '月娥', '彩霞', '素珍', '阿英', '小芬',
];

/** 12 streets/towns of the county, and the syllables of their communities/villages. */
export const TOWNS: Array<{ name: string; kind: 'street' | 'town'; code: string }> = [
  { name: '递铺街道', kind: 'street', code: '001' },
  { name: '昌硕街道', kind: 'street', code: '002' },
  { name: '灵峰街道', kind: 'street', code: '003' },
  { name: '孝源街道', kind: 'street', code: '004' },
  { name: '天子湖镇', kind: 'town', code: '101' },
  { name: '鄣吴镇', kind: 'town', code: '102' },
  { name: '杭垓镇', kind: 'town', code: '103' },
  { name: '孝丰镇', kind: 'town', code: '104' },
  { name: '报福镇', kind: 'town', code: '105' },
  { name: '章村镇', kind: 'town', code: '106' },
  { name: '天荒坪镇', kind: 'town', code: '107' },
  { name: '梅溪镇', kind: 'town', code: '108' },
];
export const PLACE_FIRST = ['横', '竹', '石', '白', '龙', '凤', '高', '双', '大', '小', '上', '下', '东', '西', '南', '北', '新', '桃', '杨', '梅', '山', '溪', '马', '金', '银', '古', '长', '青', '红', '安'];
export const PLACE_SECOND = ['山', '溪', '坞', '岭', '塘', '桥', '湾', '坑', '口', '园', '里', '林', '田', '庄', '家', '浦', '港', '峰', '川', '源'];
export const COMMUNITY_SUFFIX = ['社区', '社区', '社区', '花园社区', '新村社区'];
export const ROADS = ['胜利路', '天目路', '昌硕路', '浦源大道', '递铺路', '灵峰大道', '玉华路', '凤凰路', '城北路', '安吉大道', '迎宾大道', '竹海路', '溪东路', '环城北路', '人民路'];
export const ESTATES = ['阳光花园', '竹海新苑', '金色家园', '凤凰城', '锦绣华庭', '天目名苑', '绿城桂花园', '滨溪小区', '龙山公寓', '和平里小区'];

export const COMPANY_PREFIX = ['安吉', '湖州', '浙江', '天荒坪', '竹乡', '灵峰', '递铺', '梅溪'];
export const COMPANY_WORD = ['宏达', '鑫源', '金竹', '恒业', '永兴', '华美', '绿野', '天成', '联创', '盛世', '佳和', '瑞丰', '富民', '新锐', '顺发'];
export const COMPANY_KIND: Record<string, string[]> = {
  labor: ['建筑劳务有限公司', '竹木制品有限公司', '椅业有限公司', '电子科技有限公司', '餐饮管理有限公司', '纺织有限公司', '物流有限公司'],
  property: ['物业管理有限公司', '物业服务有限公司'],
  consumer: ['商贸有限公司', '家具城', '健身俱乐部', '教育培训中心', '电器商行', '汽车销售服务有限公司', '美容美发店'],
  medical: ['人民医院', '中医医院', '社区卫生服务中心', '口腔门诊部', '妇幼保健院'],
  traffic: ['财产保险股份有限公司安吉支公司', '运输有限公司', '客运有限公司'],
  commercial: ['建设工程有限公司', '贸易有限公司', '农业开发有限公司', '竹业有限公司'],
  other: ['化工有限公司', '印染有限公司', '养殖专业合作社'],
};

export interface Template {
  title: string;
  description: string;
}

/**
 * Per subcategory: a few titles and descriptions. Search benchmarks look for 拖欠工资, 离婚,
 * 物业费, 噪音, 漏水, 借款, 交通事故, 宅基地…: they occur here the way clerks write them.
 */
export const TEMPLATES: Record<string, Template[]> = {
  'labor.wage_arrears': [
    { title: '{B}拖欠工资纠纷', description: '申请人{A}等{n}人在{org}务工，{org}拖欠工资共计{amount}元，已拖欠{m}个月，多次讨要未果，要求一次性结清拖欠工资。' },
    { title: '农民工讨要拖欠工资', description: '申请人{A}在{place}工地做木工，包工头{B}以工程款未到位为由拖欠工资{amount}元，申请人要求尽快支付。' },
    { title: '追讨劳动报酬', description: '{A}反映其在{org}工作至今，公司拖欠{m}个月劳动报酬{amount}元未发放，要求支付拖欠工资及经济补偿。' },
  ],
  'labor.work_injury': [
    { title: '工伤赔偿纠纷', description: '申请人{A}在{org}车间操作时右手受伤，住院治疗{n}周，双方就工伤待遇及医疗费{amount}元的承担发生争议。' },
    { title: '务工受伤赔偿', description: '{A}在为{B}搭建厂房时从脚手架跌落受伤，要求{B}赔偿医疗费、误工费等共计{amount}元。' },
  ],
  'labor.contract_termination': [
    { title: '解除劳动合同经济补偿纠纷', description: '{org}以经营困难为由单方解除与{A}的劳动合同，{A}要求支付经济补偿金{amount}元，公司仅同意支付一半。' },
    { title: '辞退补偿争议', description: '申请人{A}在{org}工作{n}年，被无故辞退，要求支付经济补偿并补发拖欠工资{amount}元。' },
  ],
  'labor.social_insurance': [
    { title: '社保缴纳纠纷', description: '{A}反映{org}自入职起未为其缴纳社会保险，要求补缴并赔偿损失{amount}元。' },
  ],
  'marriage_family.divorce': [
    { title: '离婚纠纷', description: '{A}与{B}结婚{n}年，因性格不合长期分居，{A}要求离婚，双方对共同财产及子女抚养存在分歧。' },
    { title: '夫妻矛盾调解', description: '{A}反映丈夫{B}长期沉迷赌博，家庭矛盾激化，{A}提出离婚，请求调解财产分割。' },
  ],
  'marriage_family.custody': [
    { title: '子女抚养费纠纷', description: '{A}与{B}离婚后，{B}未按约定支付孩子抚养费，已拖欠{m}个月共{amount}元。' },
  ],
  'marriage_family.elder_support': [
    { title: '赡养纠纷', description: '{A}年近八旬，{n}个子女互相推诿赡养责任，{A}要求子女按月支付赡养费并轮流照料。' },
    { title: '老人赡养问题', description: '{A}反映儿子{B}不履行赡养义务，老人生活困难，要求{B}每月支付赡养费{amount}元。' },
  ],
  'marriage_family.spousal_support': [{ title: '扶养纠纷', description: '{A}因病丧失劳动能力，要求配偶{B}承担扶养义务，双方就扶养费数额发生争议。' }],
  'marriage_family.inheritance': [
    { title: '遗产继承纠纷', description: '{A}与{B}系兄弟，父亲去世后留下{place}房屋一套，双方就遗产分割发生争议，多次协商未果。' },
  ],
  'marriage_family.domestic_violence': [{ title: '家庭暴力纠纷', description: '{A}反映丈夫{B}酒后多次对其实施殴打，{A}身体有伤，要求调解并保障人身安全。' }],
  'marriage_family.other': [{ title: '家庭矛盾', description: '{A}与儿媳{B}因家务琐事长期不和，近日发生争吵，要求村里出面调解。' }],
  'property_management.property_fee': [
    { title: '物业费纠纷', description: '{ESTATE}业主{A}以物业服务不到位为由拒交物业费，已欠缴{m}个月共{amount}元，{org}要求补缴。' },
    { title: '拖欠物业费', description: '{org}反映{ESTATE}{n}户业主长期拖欠物业费合计{amount}元，催缴无果，申请调解。' },
  ],
  'property_management.service_quality': [
    { title: '物业服务质量纠纷', description: '{ESTATE}业主{A}反映小区电梯频繁故障、垃圾清运不及时，要求{org}整改并减免物业费。' },
  ],
  'property_management.repair_leak': [
    { title: '楼上漏水纠纷', description: '{ESTATE}{n}幢业主{A}家中天花板因楼上{B}家卫生间漏水受损，要求{B}维修并赔偿损失{amount}元。' },
    { title: '房屋渗漏维修', description: '{A}反映屋顶漏水多次报修，{org}以维修基金未到位为由推诿，要求尽快维修。' },
  ],
  'property_management.owners_committee': [{ title: '业委会选举争议', description: '{ESTATE}部分业主对业主委员会换届选举程序提出异议，与{org}发生矛盾。' }],
  'property_management.parking': [{ title: '小区停车纠纷', description: '{ESTATE}业主{A}的固定车位长期被{B}占用，双方多次发生争执，要求物业协调。' }],
  'property_management.other': [{ title: '物业管理纠纷', description: '{ESTATE}业主{A}与{org}就公共收益分配发生争议，要求公开账目。' }],
  'neighbour.noise': [
    { title: '邻里噪音纠纷', description: '{ESTATE}住户{A}反映楼上{B}家夜间装修、跳广场舞噪音扰民，双方多次争吵，要求调解。' },
    { title: '噪音扰民', description: '{A}反映邻居{B}在家中开设麻将馆，深夜噪音严重影响休息，多次协商未果。' },
  ],
  'neighbour.light_ventilation': [{ title: '采光通风纠纷', description: '{A}反映邻居{B}加盖房屋遮挡其住宅采光，要求拆除加盖部分或给予补偿。' }],
  'neighbour.passage': [{ title: '通行纠纷', description: '{place}村民{A}与{B}因出入道路通行问题发生争执，{B}在路口堆放杂物阻碍通行。' }],
  'neighbour.boundary': [
    { title: '相邻边界纠纷', description: '{A}与{B}系邻居，{B}建造围墙越过两家界址约{n}米，双方发生争执。' },
    { title: '违章搭建纠纷', description: '{A}反映邻居{B}在公共区域违章搭建棚屋，影响通行和消防安全。' },
  ],
  'neighbour.pets': [{ title: '饲养犬只纠纷', description: '{A}在{place}被邻居{B}饲养的犬只咬伤，花费医疗费{amount}元，要求{B}赔偿。' }],
  'neighbour.other': [{ title: '邻里矛盾', description: '{A}与{B}因排水沟堵塞、污水外溢问题产生矛盾，双方言语冲突，请求调解。' }],
  'medical.treatment_injury': [{ title: '医疗损害纠纷', description: '患者{A}在{org}手术后出现并发症，家属认为医院存在过错，要求赔偿{amount}元。' }],
  'medical.misdiagnosis': [{ title: '误诊纠纷', description: '{A}称在{org}就诊时被误诊，延误治疗，要求医院承担责任并赔偿损失。' }],
  'medical.medical_fee': [{ title: '医疗收费争议', description: '{A}对{org}收取的住院费用{amount}元存在异议，认为存在重复收费。' }],
  'medical.other': [{ title: '医患纠纷', description: '{A}家属与{org}因治疗方案沟通不畅发生争执，要求调解。' }],
  'consumer.refund': [{ title: '退款纠纷', description: '{A}在{org}购买商品后要求退货退款{amount}元，商家以已拆封为由拒绝。' }],
  'consumer.product_quality': [{ title: '商品质量纠纷', description: '{A}在{org}购买的家具使用{m}个月即出现开裂，要求更换或退款{amount}元。' }],
  'consumer.prepaid_card': [
    { title: '预付卡退费纠纷', description: '{A}在{org}办理预付卡充值{amount}元，商家停业关门，要求退还余额。' },
  ],
  'consumer.online_shopping': [{ title: '网络购物纠纷', description: '{A}通过网络向{B}购买农产品，收到货物与描述不符，要求退款{amount}元。' }],
  'consumer.service_consumption': [{ title: '服务消费纠纷', description: '{A}在{org}接受服务后身体不适，要求退还服务费并赔偿{amount}元。' }],
  'consumer.other': [{ title: '消费纠纷', description: '{A}与{org}就装修工程质量及尾款{amount}元发生争议。' }],
  'traffic.traffic_injury': [
    { title: '交通事故人身损害赔偿', description: '{A}骑电动车在{road}与{B}驾驶的小型轿车相撞受伤，双方就医疗费、误工费等赔偿{amount}元协商未果。' },
    { title: '交通事故赔偿纠纷', description: '{B}驾车在{road}路口将行人{A}撞伤，交警认定{B}负主要责任，双方对赔偿数额有分歧。' },
  ],
  'traffic.vehicle_damage': [{ title: '车辆刮擦纠纷', description: '{A}停放在{place}的车辆被{B}倒车刮擦，要求赔偿维修费{amount}元。' }],
  'traffic.insurance_claim': [{ title: '交通事故保险理赔纠纷', description: '{A}在交通事故中受伤，与{org}就理赔金额{amount}元发生争议。' }],
  'traffic.other': [{ title: '交通纠纷', description: '{A}与{B}因农用车借用期间发生事故的责任承担发生争议。' }],
  'commercial.private_loan': [
    { title: '民间借贷纠纷', description: '{B}于{date}向{A}借款{amount}元，约定一年内归还，到期后多次催讨，{B}以生意亏损为由拒不还款。' },
    { title: '借款纠纷', description: '{A}称{B}借款{amount}元并出具借条，至今未还，要求归还借款及利息。' },
  ],
  'commercial.sales_contract': [{ title: '货款纠纷', description: '{A}向{org}供应竹材，{org}拖欠货款{amount}元，多次催要未果。' }],
  'commercial.construction_contract': [{ title: '工程款纠纷', description: '{A}承包{org}厂房建设工程，竣工后{org}拖欠工程款{amount}元未付。' }],
  'commercial.lease': [{ title: '房屋租赁纠纷', description: '{A}将{place}店面出租给{B}，{B}拖欠租金{m}个月共{amount}元，要求解除合同。' }],
  'commercial.other': [{ title: '合同纠纷', description: '{A}与{B}合伙经营农家乐，散伙时就投资款{amount}元分配发生争议。' }],
  'land.homestead': [
    { title: '宅基地纠纷', description: '{place}村民{A}与{B}因宅基地界址不清发生争执，{B}建房占用{A}宅基地约{n}平方米。' },
  ],
  'land.contracted_land': [{ title: '土地承包纠纷', description: '{A}将承包地流转给{B}种植白茶，{B}拖欠流转费{amount}元，双方发生矛盾。' }],
  'land.forest_land': [{ title: '山林权属纠纷', description: '{A}与{B}两户就{place}一片竹林的权属发生争议，双方各执一词。' }],
  'land.land_expropriation': [{ title: '征地补偿纠纷', description: '{A}对{place}征地拆迁补偿款{amount}元的分配有异议，与家庭成员{B}发生争执。' }],
  'land.other': [{ title: '土地纠纷', description: '{A}与{B}因田间灌溉用水发生矛盾，双方互不相让。' }],
  'other.environment': [{ title: '环境污染纠纷', description: '{place}村民反映{org}排放废气异味，影响生活，要求企业整改并赔偿。' }],
  'other.campus': [{ title: '校园纠纷', description: '{A}的孩子在学校与同学{B}的孩子发生冲突受伤，双方家长就医疗费{amount}元发生争议。' }],
  'other.other': [{ title: '其他纠纷', description: '{A}与{B}因琐事发生口角，引发矛盾，要求调解处理。' }],
};

/** Category shares (sum 100) and, within each, subcategory weights. */
export const CATEGORY_SHARES: Array<[string, number, Array<[string, number]>]> = [
  ['neighbour', 20, [['noise', 30], ['light_ventilation', 8], ['passage', 15], ['boundary', 25], ['pets', 10], ['other', 12]]],
  ['labor', 14, [['wage_arrears', 60], ['work_injury', 15], ['contract_termination', 18], ['social_insurance', 7]]],
  ['marriage_family', 12, [['divorce', 30], ['custody', 12], ['elder_support', 25], ['spousal_support', 3], ['inheritance', 20], ['domestic_violence', 4], ['other', 6]]],
  ['commercial', 12, [['private_loan', 55], ['sales_contract', 15], ['construction_contract', 12], ['lease', 12], ['other', 6]]],
  ['property_management', 10, [['property_fee', 40], ['service_quality', 15], ['repair_leak', 25], ['owners_committee', 4], ['parking', 12], ['other', 4]]],
  ['consumer', 10, [['refund', 25], ['product_quality', 25], ['prepaid_card', 20], ['online_shopping', 12], ['service_consumption', 12], ['other', 6]]],
  ['traffic', 8, [['traffic_injury', 50], ['vehicle_damage', 30], ['insurance_claim', 15], ['other', 5]]],
  ['land', 7, [['homestead', 40], ['contracted_land', 25], ['forest_land', 15], ['land_expropriation', 12], ['other', 8]]],
  ['medical', 2, [['treatment_injury', 45], ['misdiagnosis', 20], ['medical_fee', 25], ['other', 10]]],
  ['other', 5, [['environment', 40], ['campus', 30], ['other', 30]]],
];

/** Typical amounts in yuan per category: [median, spread factor]; null: no amount. */
export const AMOUNTS: Record<string, [number, number] | null> = {
  labor: [18000, 2.5], marriage_family: [30000, 3], commercial: [50000, 3], property_management: [3000, 2.5],
  neighbour: [2000, 3], consumer: [3000, 3], traffic: [20000, 3], land: [20000, 3], medical: [60000, 3], other: [5000, 3],
};

export const AGREEMENT_CLAUSES = [
  '{B}于{date}前一次性支付{A}人民币{amount}元',
  '{B}分{n}期向{A}支付人民币共计{amount}元，每月月底前支付',
  '双方互谅互让，今后和睦相处，不再因此事发生争执',
  '{B}负责在十五日内修复受损部位，费用自行承担',
  '本协议履行完毕后，双方就本纠纷再无其他争议',
];
export const FAILURE_REASONS = ['双方分歧较大，无法达成一致', '被申请人明确拒绝继续调解', '当事人要求通过诉讼解决', '赔偿数额差距过大'];
export const REFER_TARGETS: Array<[string, string]> = [
  ['县人民法院', '告知当事人可向人民法院提起诉讼'],
  ['县劳动人事争议仲裁委员会', '告知当事人可申请劳动仲裁'],
  ['县市场监督管理局', '消费纠纷转市场监管部门处理'],
  ['县自然资源和规划局', '土地权属争议转自然资源部门处理'],
  ['县公安局交通警察大队', '交通事故责任认定转交警部门'],
];
export const REJECT_REASONS = ['不属于人民调解受理范围', '已经人民法院立案受理', '当事人一方明确拒绝调解'];
export const FOLLOW_UP_NOTES = ['当事人表示协议已履行，对调解工作满意', '双方关系缓和，未再发生矛盾', '款项已按期支付', '当事人对调解结果基本满意', '回访时对方未接电话，已短信告知'];
