-- The log is append-only: corrections are new events. Only a superuser who disables this
-- trigger can change a row, and the keyed hash chain (npm run log:verify) then names the row.
CREATE FUNCTION fenghuo_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events
	FOR EACH ROW EXECUTE FUNCTION fenghuo_events_append_only();
--> statement-breakpoint
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
	FOR EACH STATEMENT EXECUTE FUNCTION fenghuo_events_append_only();
--> statement-breakpoint
-- Reference regions (GB/T 2260; XPCC has no code of its own), from shared/regions.json.
INSERT INTO regions (code, name, name_en, kind, parent, regulated, sectors) VALUES
	('110000', '北京市', 'Beijing', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('120000', '天津市', 'Tianjin', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('130000', '河北省', 'Hebei', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('140000', '山西省', 'Shanxi', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('150000', '内蒙古自治区', 'Inner Mongolia', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('210000', '辽宁省', 'Liaoning', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('220000', '吉林省', 'Jilin', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('230000', '黑龙江省', 'Heilongjiang', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('310000', '上海市', 'Shanghai', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('320000', '江苏省', 'Jiangsu', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('330000', '浙江省', 'Zhejiang', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('340000', '安徽省', 'Anhui', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('350000', '福建省', 'Fujian', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('360000', '江西省', 'Jiangxi', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('370000', '山东省', 'Shandong', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('410000', '河南省', 'Henan', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('420000', '湖北省', 'Hubei', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('430000', '湖南省', 'Hunan', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('440000', '广东省', 'Guangdong', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('450000', '广西壮族自治区', 'Guangxi', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('460000', '海南省', 'Hainan', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('500000', '重庆市', 'Chongqing', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('510000', '四川省', 'Sichuan', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('520000', '贵州省', 'Guizhou', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('530000', '云南省', 'Yunnan', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('540000', '西藏自治区', 'Tibet', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('610000', '陕西省', 'Shaanxi', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('620000', '甘肃省', 'Gansu', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('630000', '青海省', 'Qinghai', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('640000', '宁夏回族自治区', 'Ningxia', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('650000', '新疆维吾尔自治区', 'Xinjiang', 'province', NULL, true, ARRAY['industrial','telecom','radio']::text[]),
	('710000', '台湾省', 'Taiwan', 'province', NULL, false, ARRAY[]::text[]),
	('810000', '香港特别行政区', 'Hong Kong', 'province', NULL, false, ARRAY[]::text[]),
	('820000', '澳门特别行政区', 'Macau', 'province', NULL, false, ARRAY[]::text[]),
	('210200', '大连市', 'Dalian', 'city', '210000', true, ARRAY['industrial']::text[]),
	('370200', '青岛市', 'Qingdao', 'city', '370000', true, ARRAY['industrial']::text[]),
	('330200', '宁波市', 'Ningbo', 'city', '330000', true, ARRAY['industrial']::text[]),
	('350200', '厦门市', 'Xiamen', 'city', '350000', true, ARRAY['industrial']::text[]),
	('440300', '深圳市', 'Shenzhen', 'city', '440000', true, ARRAY['industrial']::text[]),
	('XPCC', '新疆生产建设兵团', 'Xinjiang Production and Construction Corps', 'special', '650000', true, ARRAY['industrial']::text[]);
