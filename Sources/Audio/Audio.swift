// Audio module. See README "Architecture".
