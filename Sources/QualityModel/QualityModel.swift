// QualityModel module. See README "Architecture".
